namespace DistSys.Runtime;

/// <summary>Exact, culture-invariant rendering of virtual time: milliseconds with all four tick digits.</summary>
internal static class TimeText
{
    public static string Format(TimeSpan time) => Format(time.Ticks) + " ms";

    /// <summary>"12.3456" for 123456 ticks; integer arithmetic so no rounding and no culture.</summary>
    public static string Format(long ticks)
    {
        long whole = Math.DivRem(Math.Abs(ticks), TimeSpan.TicksPerMillisecond, out long fraction);
        return string.Concat(ticks < 0 ? "-" : "", whole.ToString(System.Globalization.CultureInfo.InvariantCulture), ".", fraction.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
    }
}
