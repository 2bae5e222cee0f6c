namespace Monitor.Gateway.Ingest;

/// <summary>
/// Parses RFC 3339 date-times ("2026-11-24T10:00:00Z", "2026-11-24t10:00:00.123+01:00") straight
/// from UTF-8 to Unix milliseconds. Stricter than ISO 8601 parsers on purpose: a time zone is
/// required, because a zone-less time would silently mean the server's local time.
/// </summary>
internal static class Rfc3339
{
    /// <summary>0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: what a date-time can hold in .NET.</summary>
    public const long MinUnixMs = -62_135_596_800_000;
    public const long MaxUnixMs = 253_402_300_799_999;

    /// <summary>
    /// True when the instant is one a date-time can hold: "0001-01-01T00:00:00+01:00" is valid RFC 3339,
    /// but its UTC instant falls in year 0, so it must be refused rather than shown or stored.
    /// </summary>
    public static bool IsRepresentable(long unixMs) => unixMs is >= MinUnixMs and <= MaxUnixMs;

    public static bool TryParseUnixMs(ReadOnlySpan<byte> s, out long unixMs)
    {
        unixMs = 0;
        if (s.Length < 20
            || !TryDigits(s, 0, 4, out var year) || s[4] != '-'
            || !TryDigits(s, 5, 2, out var month) || s[7] != '-'
            || !TryDigits(s, 8, 2, out var day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
            || !TryDigits(s, 11, 2, out var hour) || s[13] != ':'
            || !TryDigits(s, 14, 2, out var minute) || s[16] != ':'
            || !TryDigits(s, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var millis = 0;
        var pos = 19;
        if (s[pos] == '.')
        {
            pos++;
            var digits = 0;
            while (pos < s.Length && (uint)(s[pos] - '0') <= 9)
            {
                if (digits < 3)
                {
                    millis = (millis * 10) + (s[pos] - '0');
                }

                digits++;
                pos++;
            }

            if (digits == 0)
            {
                return false;
            }

            for (var d = digits; d < 3; d++)
            {
                millis *= 10;
            }
        }

        if (pos >= s.Length)
        {
            return false;
        }

        var offsetMinutes = 0;
        if (s[pos] is (byte)'Z' or (byte)'z')
        {
            pos++;
        }
        else if (s[pos] is (byte)'+' or (byte)'-')
        {
            if (s.Length - pos != 6 || !TryDigits(s, pos + 1, 2, out var oh) || s[pos + 3] != ':'
                || !TryDigits(s, pos + 4, 2, out var om) || oh > 23 || om > 59)
            {
                return false;
            }

            offsetMinutes = ((oh * 60) + om) * (s[pos] == '-' ? -1 : 1);
            pos += 6;
        }

        if (pos != s.Length)
        {
            return false;
        }

        if (second == 60)
        {
            // A leap second: hold it at the last millisecond of the minute.
            second = 59;
            millis = 999;
        }

        var days = DaysFromUnixEpoch(year, month, day);
        var minutes = (((days * 24) + hour) * 60) + minute - offsetMinutes;
        unixMs = (((minutes * 60) + second) * 1000) + millis;
        return true;
    }

    private static int DaysInMonth(int year, int month) =>
        month == 2 ? (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28)
        : month is 4 or 6 or 9 or 11 ? 30 : 31;

    /// <summary>Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil).</summary>
    private static long DaysFromUnixEpoch(int year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = year / 400;
        var yearOfEra = year - (era * 400);
        var dayOfYear = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146097L) + dayOfEra - 719468;
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = (uint)(s[i] - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }
}
