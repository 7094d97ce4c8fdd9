using DistSys.Analyzers.CodeFixes;
using DistSys.Analyzers.Tests.Harness;

namespace DistSys.Analyzers.Tests.Rules;

public sealed class DS005WallClockDurationTests
{
    private static readonly DS005WallClockDurationAnalyzer Analyzer = new();

    [Test]
    public Task Reports_elapsed_time_computed_from_UtcNow() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Timing
        {
            public TimeSpan Measure(Action work)
            {
                var start = DateTime.UtcNow;
                work();
                return {|DS005:DateTime.UtcNow|} - start;
            }
        }
        """);

    [Test]
    public Task Reports_a_deadline_checked_against_Now() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Lease
        {
            private DateTime _expires;
            public void Renew() => _expires = DateTime.Now.AddSeconds(10);
            public bool IsValid => {|DS005:DateTime.Now|} < _expires;
        }
        """);

    [Test]
    public Task Reports_a_stored_wall_clock_local_compared_later() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Heartbeat
        {
            public bool Expired(DateTimeOffset lastSeen, TimeSpan timeout)
            {
                var now = DateTimeOffset.UtcNow;
                return {|DS005:now|} - lastSeen > timeout;
            }
        }
        """);

    [Test]
    public Task Is_silent_when_a_timestamp_is_only_stored_or_printed() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Audit
        {
            private DateTime _created = DateTime.UtcNow;
            public string Stamp() => DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            public DateTime Created => _created;
        }
        """);

    [Test]
    public Task Is_silent_for_Stopwatch_and_TimeProvider() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Timing
        {
            private readonly TimeProvider _time;
            public Timing(TimeProvider time) { _time = time; }
            public TimeSpan Measure(Action work)
            {
                var start = System.Diagnostics.Stopwatch.GetTimestamp();
                work();
                return System.Diagnostics.Stopwatch.GetElapsedTime(start);
            }
            public bool Expired(DateTimeOffset deadline) => _time.GetUtcNow() > deadline;
        }
        """);

    [Test]
    public Task Is_silent_for_arithmetic_on_dates_that_are_not_the_clock() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Calendar
        {
            public TimeSpan Between(DateTime from, DateTime to) => to - from;
            public bool IsDefault(DateTime value) => value == DateTime.MinValue;
        }
        """);

    [Test]
    public Task Fix_measures_elapsed_time_with_Stopwatch() => CodeFixHarness.VerifyAsync(Analyzer, new WallClockDurationCodeFix(), """
        class Timing
        {
            public TimeSpan Measure(Action work)
            {
                var start = DateTime.UtcNow;
                work();
                return {|DS005:DateTime.UtcNow|} - start;
            }
        }
        """, """
        class Timing
        {
            public TimeSpan Measure(Action work)
            {
                var start = System.Diagnostics.Stopwatch.GetTimestamp();
                work();
                return System.Diagnostics.Stopwatch.GetElapsedTime(start);
            }
        }
        """);
}
