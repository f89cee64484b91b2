package org.hotline.console.client;

/** The five services the console calls. */
public enum Service {
    INTAKE, ROUTING, KNOWLEDGE, EVALUATION, APPRAISAL
}
