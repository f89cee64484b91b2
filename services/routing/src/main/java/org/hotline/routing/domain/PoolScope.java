package org.hotline.routing.domain;

/** Who may claim a pooled order: any office of its city (pooling region) or of the whole province. */
public enum PoolScope { CITY, PROVINCE }
