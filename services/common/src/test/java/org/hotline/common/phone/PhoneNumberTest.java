package org.hotline.common.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhoneNumberTest {

    @Test
    void mobileHomeRegionComesFromTheOfflineGeocoder() {
        assertEquals("山东省淄博市", PhoneNumber.homeRegion("13905330000"));
        assertEquals("山东省淄博市", PhoneNumber.homeRegion("+86 139 0533 0000"));
        assertEquals("湖北省武汉市", PhoneNumber.homeRegion("18627000000"));
        // A prefix the geocoder knows only as "China" gives no region rather than a guess.
        assertNull(PhoneNumber.homeRegion("17012345678"));
        assertNull(PhoneNumber.homeRegion("12393"));
    }

    @Test
    void areaCodeIsReadAsWrittenAndNeverShortenedToAKnownOne() {
        assertEquals("0533", PhoneNumber.areaCode("0533-12393"));
        assertEquals("0533", PhoneNumber.areaCode("053312393"));
        assertEquals("0533", PhoneNumber.areaCode("+86 533 12393"));
        assertEquals("0533", PhoneNumber.areaCode("(0533)12393"));
        assertEquals("010", PhoneNumber.areaCode("010-12393"));
        assertEquals("027", PhoneNumber.areaCode("02788888888"));
        assertEquals("0591", PhoneNumber.areaCode("0591-87654321"));
        assertEquals("0123", PhoneNumber.areaCode("0123-12393"));
        assertEquals("0123", PhoneNumber.areaCode("012312393"));
        assertNull(PhoneNumber.areaCode("12393"));
        assertNull(PhoneNumber.areaCode("13905330000"));
    }

    @Test
    void normalisesMobilesToE164AndLandlinesToAreaCodeAndNumber() {
        assertEquals("+8613905330000", PhoneNumber.normalise("139 0533 0000"));
        assertEquals("+8613905330000", PhoneNumber.normalise("+86 13905330000"));
        assertEquals("0533-3120000", PhoneNumber.normalise("053331200 00"));
        assertEquals("0533-12393", PhoneNumber.normalise("+86 533 12393"));
        assertEquals("010-12393", PhoneNumber.normalise("01012393"));
        assertEquals("12393", PhoneNumber.normalise("12393"));
        assertNull(PhoneNumber.normalise("call me"));
        assertTrue(PhoneNumber.isMobile("13905330000"));
        assertFalse(PhoneNumber.isMobile("0533-3120000"));
    }

    @Test
    void masksTheMiddleOfEveryNumber() {
        assertEquals("139****0000", PhoneNumber.mask("+8613905330000"));
        assertEquals("0533-****000", PhoneNumber.mask("0533-3120000"));
        assertEquals("12393", PhoneNumber.mask("12393"));
    }
}
