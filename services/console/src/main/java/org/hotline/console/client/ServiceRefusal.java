package org.hotline.console.client;

/** A service answered with an error (problem+json) or did not answer; the console shows its detail to the user. */
public class ServiceRefusal extends RuntimeException {

    private final int status;
    private final String title;
    private final String detail;

    public ServiceRefusal(int status, String title, String detail) {
        super(status + " " + title + ": " + detail, null, false, false);
        this.status = status;
        this.title = title;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }
}
