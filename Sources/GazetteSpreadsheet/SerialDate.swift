/// Spreadsheet dates: a serial number of days. In the 1900 system day 1 is 1900-01-01 and day 60 is the
/// 29 February 1900 that never was (Lotus 1-2-3's leap-year bug, kept by Excel); from day 61 (1900-03-01) on,
/// a serial is days since 1899-12-30. In the 1904 system (old Mac workbooks, `date1904`) day 0 is 1904-01-01.
public enum SerialDate {
    /// The date of a whole serial number, or nil for day 60 of the 1900 system, for serials below the system's
    /// first day, and past 9999-12-31.
    public static func civil(_ serial: Int, date1904: Bool) -> (year: Int, month: Int, day: Int)? {
        let epochDays: Int
        if date1904 {
            guard serial >= 0 else { return nil }
            epochDays = daysFromCivil(1904, 1, 1) + serial
        } else {
            guard serial >= 1, serial != 60 else { return nil }
            epochDays = serial < 60 ? daysFromCivil(1899, 12, 31) + serial : daysFromCivil(1899, 12, 30) + serial
        }
        let date = civilFromDays(epochDays)
        return date.year <= 9999 ? date : nil
    }

    /// The 1900-system serial of a date from 1900-03-01 on.
    public static func serial(year: Int, month: Int, day: Int) -> Int {
        daysFromCivil(year, month, day) - daysFromCivil(1899, 12, 30)
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm, proleptic Gregorian calendar).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
