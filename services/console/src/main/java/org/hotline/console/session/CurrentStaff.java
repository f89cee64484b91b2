package org.hotline.console.session;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** The staff member of the current request, set by {@link SessionFilter} from the session cookie. */
@RequestScoped
public class CurrentStaff {

    private Staff staff;

    void set(Staff staff) {
        this.staff = staff;
    }

    public Optional<Staff> get() {
        return Optional.ofNullable(staff);
    }

    /** The staff member, who must be allowed on {@code screen}; otherwise the request ends with 403. */
    public Staff require(StaffRole.Screen screen) {
        if (staff == null) {
            throw new NotLoggedIn();
        }
        if (!staff.may(screen)) {
            throw new ScreenForbidden(staff, screen);
        }
        return staff;
    }

    /** No session on a page that needs one. */
    public static class NotLoggedIn extends RuntimeException {
        public NotLoggedIn() {
            super("not logged in", null, false, false);
        }
    }

    /** A screen the staff member's role may not open. */
    public static class ScreenForbidden extends RuntimeException {
        public ScreenForbidden(Staff staff, StaffRole.Screen screen) {
            super(staff.role().group() + " may not open " + screen.path(), null, false, false);
        }
    }
}
