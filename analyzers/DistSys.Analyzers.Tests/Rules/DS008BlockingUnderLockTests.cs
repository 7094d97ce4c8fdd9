using DistSys.Analyzers.Tests.Harness;

namespace DistSys.Analyzers.Tests.Rules;

public sealed class DS008BlockingUnderLockTests
{
    private static readonly DS008BlockingUnderLockAnalyzer Analyzer = new();

    [Test]
    public Task Reports_a_sleep_and_a_task_wait_inside_a_lock() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Replica
        {
            private readonly object _gate = new();
            public void Sync(Task pending)
            {
                lock (_gate)
                {
                    {|DS008:Thread.Sleep(10)|};
                    {|DS008:pending.Wait()|};
                }
            }
        }
        """);

    [Test]
    public Task Reports_Result_and_GetResult_inside_a_lock() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Client
        {
            private readonly object _gate = new();
            private int _last;
            public void Refresh(Task<int> fetch, Task<int> other)
            {
                lock (_gate)
                {
                    _last = {|DS008:fetch.Result|} + {|DS008:other.GetAwaiter().GetResult()|};
                }
            }
        }
        """);

    [Test]
    public Task Reports_semaphore_waits_file_io_and_Monitor_Wait_on_another_object() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Journal
        {
            private readonly object _gate = new();
            private readonly object _other = new();
            private readonly SemaphoreSlim _slots = new(1);
            public void Append(string path, string line)
            {
                lock (_gate)
                {
                    {|DS008:_slots.Wait()|};
                    _ = {|DS008:File.ReadAllText(path)|};
                    {|DS008:Monitor.Wait(_other)|};
                }
            }
        }
        """);

    [Test]
    public Task Reports_a_thread_join_inside_a_Monitor_region() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Owner
        {
            private readonly object _gate = new();
            public void Stop(Thread worker)
            {
                Monitor.Enter(_gate);
                try { {|DS008:worker.Join()|}; } finally { Monitor.Exit(_gate); }
            }
        }
        """);

    [Test]
    public Task Is_silent_for_Monitor_Wait_on_the_held_object() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class BoundedQueue
        {
            private readonly object _gate = new();
            private readonly Queue<int> _items = new();
            public int Take()
            {
                lock (_gate)
                {
                    while (_items.Count == 0) Monitor.Wait(_gate);
                    return _items.Dequeue();
                }
            }
        }
        """);

    [Test]
    public Task Is_silent_for_blocking_calls_outside_the_lock() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Client
        {
            private readonly object _gate = new();
            private int _last;
            public void Refresh(Task<int> fetch)
            {
                var value = fetch.Result;
                Thread.Sleep(1);
                lock (_gate) { _last = value; }
            }
        }
        """);

    [Test]
    public Task Is_silent_for_writes_the_lock_serializes() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Journal
        {
            private readonly object _gate = new();
            private readonly StreamWriter _writer;
            public Journal(StreamWriter writer) { _writer = writer; }
            public void Append(string path, string record)
            {
                lock (_gate)
                {
                    _writer.WriteLine(record);
                    _writer.Flush();
                    File.AppendAllText(path, record);
                }
            }
        }
        """);

    [Test]
    public Task Is_silent_for_zero_timeouts_memory_streams_and_lambdas_run_later() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Buffer
        {
            private readonly object _gate = new();
            private readonly MemoryStream _stream = new();
            private readonly SemaphoreSlim _signal = new(0);
            private Action? _later;
            public bool Write(byte[] data)
            {
                lock (_gate)
                {
                    _stream.Write(data, 0, data.Length);
                    _later = () => Thread.Sleep(10);
                    return _signal.Wait(0);
                }
            }
        }
        """);
}
