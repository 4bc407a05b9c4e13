package io.imprint.station.report;

/**
 * Makes text safe for a spreadsheet cell. Device ids, chip uids and failure reasons come from boards; a
 * cell starting with = + - @, a tab or a carriage return is run as a formula by Excel and LibreOffice
 * ({@code =HYPERLINK(…)}, DDE), so such a cell gets a leading apostrophe: spreadsheets show it as text
 * and the apostrophe itself is not displayed.
 *
 * <p>Stateless and thread-safe.
 */
public final class SpreadsheetText {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private SpreadsheetText() {
    }

    /** The text as a cell should hold it; null stays empty. */
    public static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
