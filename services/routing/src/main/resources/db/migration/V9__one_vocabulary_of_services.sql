-- One vocabulary of the five 12393 services in every service (common's ServiceCategory, contracts'
-- hotline/common/v1/service_category.proto): routing's former codes POLICY and PRE_REVIEW become POLICY_ANSWER
-- (政策解答) and ONLINE_PRE_REVIEW (线上预审) in stored orders and rules. Events already on the feed keep their codes.
UPDATE work_order SET category = 'POLICY_ANSWER' WHERE category = 'POLICY';
UPDATE work_order SET category = 'ONLINE_PRE_REVIEW' WHERE category = 'PRE_REVIEW';
UPDATE routing_rule SET category = 'POLICY_ANSWER' WHERE category = 'POLICY';
UPDATE routing_rule SET category = 'ONLINE_PRE_REVIEW' WHERE category = 'PRE_REVIEW';
