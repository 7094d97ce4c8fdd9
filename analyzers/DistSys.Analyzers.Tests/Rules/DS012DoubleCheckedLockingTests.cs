using DistSys.Analyzers.CodeFixes;
using DistSys.Analyzers.Tests.Harness;

namespace DistSys.Analyzers.Tests.Rules;

public sealed class DS012DoubleCheckedLockingTests
{
    private static readonly DS012DoubleCheckedLockingAnalyzer Analyzer = new();

    [Test]
    public Task Reports_the_classic_double_check_on_a_plain_field() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Connection { }
        class Pool
        {
            private readonly object _gate = new();
            private Connection? _connection;
            public Connection Get()
            {
                if ({|DS012:_connection|} == null)
                {
                    lock (_gate)
                    {
                        if (_connection == null) _connection = new Connection();
                    }
                }
                return _connection;
            }
        }
        """);

    [Test]
    public Task Reports_an_early_return_fast_path() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Config { }
        static class Settings
        {
            private static readonly object s_gate = new();
            private static Config? s_config;
            public static Config Load()
            {
                if ({|DS012:s_config|} is not null) return s_config;
                lock (s_gate)
                {
                    s_config ??= new Config();
                    return s_config;
                }
            }
        }
        """);

    [Test]
    public Task Reports_a_double_checked_initialized_flag() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Table
        {
            private readonly object _gate = new();
            private bool _loaded;
            private int[] _rows = [];
            public int[] Rows()
            {
                if (!{|DS012:_loaded|})
                {
                    lock (_gate)
                    {
                        if (!_loaded) { _rows = [1, 2, 3]; _loaded = true; }
                    }
                }
                return _rows;
            }
        }
        """);

    [Test]
    public Task Is_silent_for_a_volatile_field() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Connection { }
        class Pool
        {
            private readonly object _gate = new();
            private volatile Connection? _connection;
            public Connection Get()
            {
                if (_connection == null)
                {
                    lock (_gate)
                    {
                        if (_connection == null) _connection = new Connection();
                    }
                }
                return _connection;
            }
        }
        """);

    [Test]
    public Task Is_silent_for_a_Volatile_Read_fast_path() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Connection { }
        class Pool
        {
            private readonly object _gate = new();
            private Connection? _connection;
            public Connection Get()
            {
                if (Volatile.Read(ref _connection) == null)
                {
                    lock (_gate)
                    {
                        if (_connection == null) Volatile.Write(ref _connection, new Connection());
                    }
                }
                return _connection!;
            }
        }
        """);

    [Test]
    public Task Is_silent_when_the_check_is_only_under_the_lock() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Connection { }
        class Pool
        {
            private readonly object _gate = new();
            private Connection? _connection;
            private readonly Lazy<Connection> _lazy = new(() => new Connection());
            public Connection Get()
            {
                lock (_gate)
                {
                    if (_connection == null) _connection = new Connection();
                    return _connection;
                }
            }
            public Connection GetLazy() => _lazy.Value;
        }
        """);

    [Test]
    public Task Fix_makes_the_field_volatile() => CodeFixHarness.VerifyAsync(Analyzer, new VolatileFieldCodeFix(), """
        class Connection { }
        class Pool
        {
            private readonly object _gate = new();
            private Connection? _connection;
            public Connection Get()
            {
                if ({|DS012:_connection|} == null)
                {
                    lock (_gate)
                    {
                        if (_connection == null) _connection = new Connection();
                    }
                }
                return _connection;
            }
        }
        """, """
        class Connection { }
        class Pool
        {
            private readonly object _gate = new();
            private volatile Connection? _connection;
            public Connection Get()
            {
                if (_connection == null)
                {
                    lock (_gate)
                    {
                        if (_connection == null) _connection = new Connection();
                    }
                }
                return _connection;
            }
        }
        """);
}
