package org.hotline.intake.domain;

/** How a citizen reached the hotline. */
public enum Channel { PHONE, WEB, APP, WECHAT, OPEN311 }
