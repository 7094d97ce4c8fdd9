using System.Globalization;

namespace DistSys.CostVisualizer;

/// <summary>
/// The pricing model of the <c>coordination-costs</c> exercise (bandwidth at $0.02 per GB, 1 GB = 1024³ bytes) and the
/// culture-invariant number formats the report and the page share.
/// </summary>
public static class Pricing
{
    /// <summary>Default price of bandwidth, in US dollars per GB.</summary>
    public const double DefaultPricePerGb = 0.02;

    /// <summary>Bytes in a GB.</summary>
    public const double BytesPerGb = 1024.0 * 1024 * 1024;

    /// <summary>Hours in a month, as cloud price lists count them (365 × 24 ÷ 12).</summary>
    public const double HoursPerMonth = 730;

    /// <summary>Dollars with two decimals from one cent up, otherwise three significant digits: <c>$1,234.50</c>, <c>$0.0000123</c>, <c>$0</c>.</summary>
    /// <param name="usd">An amount in US dollars.</param>
    /// <returns>The amount as text.</returns>
    public static string Usd(double usd)
    {
        if (usd == 0)
        {
            return "$0";
        }

        if (Math.Abs(usd) >= 0.01)
        {
            return "$" + usd.ToString("N2", CultureInfo.InvariantCulture);
        }

        int decimals = Math.Min(15, 2 - (int)Math.Floor(Math.Log10(Math.Abs(usd))));
        return "$" + usd.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>A share as a percentage with one decimal: <c>62.5%</c>.</summary>
    /// <param name="share">A fraction, usually between 0 and 1.</param>
    /// <returns>The percentage as text.</returns>
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A whole number with thousands separators: <c>12,345</c>.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The number as text.</returns>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Virtual time in milliseconds with four decimals, exact (one tick is 0.0001 ms): <c>1,234.5678 ms</c>.</summary>
    /// <param name="time">A duration.</param>
    /// <returns>The time as text.</returns>
    public static string Milliseconds(TimeSpan time)
    {
        long whole = Math.DivRem(time.Ticks, TimeSpan.TicksPerMillisecond, out long fraction);
        return whole.ToString("N0", CultureInfo.InvariantCulture) + "." + Math.Abs(fraction).ToString("D4", CultureInfo.InvariantCulture) + " ms";
    }
}
