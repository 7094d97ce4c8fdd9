using DistSys.Analyzers.CodeFixes;
using DistSys.Analyzers.Tests.Harness;

namespace DistSys.Analyzers.Tests.Rules;

public sealed class DS015HoistableStopFlagTests
{
    private static readonly DS015HoistableStopFlagAnalyzer Analyzer = new();

    [Test]
    public Task Reports_a_worker_loop_on_a_plain_stop_flag() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Worker
        {
            private bool _stop;
            private int _ticks;
            public void Run() { while (!{|DS015:_stop|}) _ticks++; }
            public void Stop() => _stop = true;
        }
        """);

    [Test]
    public Task Reports_a_flag_set_from_a_lambda_and_read_in_a_do_loop() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Spinner
        {
            private bool _done;
            public int Spin()
            {
                var spins = 0;
                var setter = new Thread(() => _done = true);
                setter.Start();
                do { spins++; } while (!{|DS015:_done|});
                return spins;
            }
        }
        """);

    [Test]
    public Task Reports_a_running_flag_in_a_for_condition() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Pump
        {
            private static bool s_running = true;
            public static int Pumped;
            public static void Loop() { for (var i = 0; {|DS015:s_running|} && i < int.MaxValue; i++) Pumped = i; }
            public static void Halt() { s_running = false; }
        }
        """);

    [Test]
    public Task Is_silent_for_a_volatile_flag() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Worker
        {
            private volatile bool _stop;
            private int _ticks;
            public void Run() { while (!_stop) _ticks++; }
            public void Stop() => _stop = true;
        }
        """);

    [Test]
    public Task Is_silent_for_Volatile_Read_and_for_a_flag_read_under_a_lock() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Worker
        {
            private readonly object _gate = new();
            private bool _stop;
            private bool _paused;
            public void Run()
            {
                while (!Volatile.Read(ref _stop)) { }
                lock (_gate) { while (_paused) Monitor.Wait(_gate); }
            }
            public void Stop() { Volatile.Write(ref _stop, true); lock (_gate) { _paused = false; Monitor.PulseAll(_gate); } }
        }
        """);

    [Test]
    public Task Is_silent_for_a_flag_only_written_by_the_loop_itself() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Parser
        {
            private bool _done;
            public Parser(bool done) { _done = done; }
            public int Parse(int[] tokens)
            {
                var i = 0;
                while (!_done) { if (tokens[i++] == 0) _done = true; }
                return i;
            }
        }
        """);

    [Test]
    public Task Fix_makes_the_flag_volatile() => CodeFixHarness.VerifyAsync(Analyzer, new VolatileFieldCodeFix(), """
        class Worker
        {
            private bool _stop;
            private int _ticks;
            public void Run() { while (!{|DS015:_stop|}) _ticks++; }
            public void Stop() => _stop = true;
        }
        """, """
        class Worker
        {
            private volatile bool _stop;
            private int _ticks;
            public void Run() { while (!_stop) _ticks++; }
            public void Stop() => _stop = true;
        }
        """);
}
