package org.hotline.routing.domain;

/** How the contact reached the hotline. */
public enum Channel { PHONE, WEB, APP, WECHAT, OPEN311, AGENT }
