package org.hotline.console.session;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The staff roles the console serves, the token's group name of each, and the screens each may open. */
public enum StaffRole {
    AGENT("agent", List.of(Screen.AGENT)),
    HANDLER("handler", List.of(Screen.INBOX)),
    EVALUATOR("evaluator", List.of(Screen.EVALUATOR)),
    LEADER("leader", List.of(Screen.DASHBOARD)),
    TENANT_ADMIN("tenant-admin", List.of(Screen.ADMIN, Screen.DASHBOARD)),
    PLATFORM_OPERATOR("platform-operator", List.of(Screen.DASHBOARD, Screen.ADMIN));

    /** The console's screens, each with its path. */
    public enum Screen {
        AGENT("/agent"), INBOX("/inbox"), EVALUATOR("/evaluator"), DASHBOARD("/dashboard"), ADMIN("/admin");

        private final String path;

        Screen(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }

        /** Lower-case key of the screen's title in the texts. */
        public String key() {
            return "nav_" + name().toLowerCase();
        }
    }

    private final String group;
    private final List<Screen> screens;

    StaffRole(String group, List<Screen> screens) {
        this.group = group;
        this.screens = screens;
    }

    public String group() {
        return group;
    }

    public List<Screen> screens() {
        return screens;
    }

    /**
     * Whether the role may acknowledge a complaint light or a hotspot alert: the roles appraisal accepts the
     * acknowledgement from (leader, tenant-admin, platform-operator), so no one is offered a button appraisal refuses.
     */
    public boolean acknowledgesAlerts() {
        return this == LEADER || this == TENANT_ADMIN || this == PLATFORM_OPERATOR;
    }

    /** The role named by a token group, if it is a staff role. */
    public static Optional<StaffRole> ofGroup(String group) {
        return Arrays.stream(values()).filter(r -> r.group.equals(group)).findFirst();
    }

    /** The first staff role among a token's groups, in the order of this enum. */
    public static Optional<StaffRole> firstOf(Collection<String> groups) {
        return Arrays.stream(values()).filter(r -> groups.contains(r.group)).findFirst();
    }
}
