using DistSys.Analyzers.Runner.AllowList;

namespace DistSys.Analyzers.Tests.AllowList;

/// <summary>Ordinary exercise code must pass untouched: the list is generous for what distributed-systems code does.</summary>
public sealed class HonestCodeTests
{
    [Test]
    public void Ordinary_simulator_code_passes()
    {
        const string code = """
            using System.Collections.Immutable;
            using System.Globalization;
            using System.Text;
            using DistSys.Runtime;

            namespace DistSys.Crdts;

            public sealed record Vote(NodeId From, long Term);

            public enum Role { Follower, Candidate, Leader }

            public sealed class Replica
            {
                private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
                private readonly PriorityQueue<string, TimeSpan> _timers = new();
                private readonly TimeProvider _clock;
                private readonly Random _random;
                private static readonly ImmutableArray<string> Names = ["a", "b"];

                public Replica(TimeProvider clock, int seed)
                {
                    ArgumentNullException.ThrowIfNull(clock);
                    ArgumentOutOfRangeException.ThrowIfNegative(seed);
                    _clock = clock;
                    _random = new Random(seed);
                }

                public Role Role { get; private set; } = Role.Follower;

                public async Task<long> WaitAsync(TaskCompletionSource<long> source, CancellationToken token)
                {
                    using var registration = token.Register(() => source.TrySetCanceled(token));
                    var value = await source.Task.ConfigureAwait(false);
                    return value + (long)Math.Max(1, Math.Round(Math.Log2(value + 1)));
                }

                public string Report()
                {
                    var text = new StringBuilder();
                    foreach (var (name, count) in _counts.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                    {
                        text.Append(CultureInfo.InvariantCulture, $"{name,-8} {count,6:N0} {count / 3.0:F2}\n");
                    }
                    var elapsed = _clock.GetUtcNow() - DateTimeOffset.UnixEpoch;
                    text.Append(elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture));
                    Span<int> scratch = stackalloc int[4];
                    scratch[0] = _random.Next(10) + HashCode.Combine(Names[0], Role);
                    var merged = _counts.Keys.Concat(Names).Distinct().ToImmutableSortedSet(StringComparer.Ordinal);
                    var query = from n in merged where n.Length > 0 orderby n select n.ToUpperInvariant();
                    return text.Append(string.Join(',', query)).ToString();
                }

                public bool SameKind(object other) => other.GetType() == typeof(Replica) && GetType().Name == nameof(Replica);

                public void Schedule(INodeContext context, TimeSpan delay)
                {
                    _timers.Enqueue("tick", delay);
                    var lazy = new Lazy<int>(() => 1);
                    _ = lazy.Value;
                    _ = context;
                }
            }
            """;
        var violations = AttackTests.Check(code);

        Assert.That(violations.Select(v => v.Text), Is.Empty);
    }

    [Test]
    public void Stable_hashes_new_lines_and_IO_exceptions_pass()
    {
        const string code = """
            using System.Security.Cryptography;
            using System.Text;

            namespace DistSys.Crdts;

            public static class Ring
            {
                public static uint Position(string key) => BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0);

                public static string Lines(IEnumerable<string> lines) => string.Join(Environment.NewLine, lines);

                public static void Fail() => throw new IOException("the disk is full (simulated)");
            }
            """;

        Assert.That(AttackTests.Check(code).Select(v => v.Text), Is.Empty);
    }

    [Test]
    public void Given_files_are_context_and_not_checked()
    {
        const string given = """
            namespace DistSys.Crdts;
            public static class Printer
            {
                public static void Print(string text) => Console.WriteLine(text);
            }
            """;
        const string student = """
            namespace DistSys.Crdts;
            public static class Uses
            {
                public static void Show() => Printer.Print("ok");
            }
            """;

        Assert.That(AttackTests.Check(student, given: given), Is.Empty, "Calling kit code handed out in Given/ is fine.");
    }

    [Test]
    public void Debug_printing_with_console_write_line_is_allowed_but_the_console_streams_are_not()
    {
        const string student = """
            namespace DistSys.Crdts;
            public static class Trace
            {
                public static void Show(int value) { Console.WriteLine($"value={value}"); Console.Write("."); }
                public static System.IO.TextWriter Steal() => Console.Out;
            }
            """;

        Assert.That(AttackTests.Check(student).Select(violation => violation.Api), Is.EqualTo(new[] { "System.Console.Out" }),
            "printing is captured by the host and cannot reach the protocol; the writer itself could be swapped or flooded");
    }

    [Test]
    public void Nameof_a_refused_api_only_produces_a_string()
    {
        const string code = """
            namespace DistSys.Crdts;
            public static class Names
            {
                public static string Which => nameof(System.IO.File) + nameof(Environment.Exit);
            }
            """;

        Assert.That(AttackTests.Check(code), Is.Empty);
    }

    [Test]
    public void An_exercise_without_student_files_has_no_violations()
    {
        Assert.That(AllowListChecker.CheckSources("crdts", [], [], Kit.Policy), Is.Empty);
    }

    [Test]
    public void The_exercise_namespace_is_DistSys_and_the_slug_in_PascalCase()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AllowListChecker.ExerciseNamespace("lock-manager"), Is.EqualTo("DistSys.LockManager"));
            Assert.That(AllowListChecker.ExerciseNamespace("crdts"), Is.EqualTo("DistSys.Crdts"));
            Assert.That(AllowListChecker.ExerciseNamespace("zero-coordination-db"), Is.EqualTo("DistSys.ZeroCoordinationDb"));
        });
    }

    [Test]
    public void CheckExercise_reads_the_student_folder_without_Given_bin_and_obj_and_takes_Given_from_the_kit()
    {
        var root = Path.Combine(Path.GetTempPath(), "distsys-allow-list-" + Guid.NewGuid().ToString("N"));
        try
        {
            void Write(string relative, string text)
            {
                var path = Path.Combine(root, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text);
            }

            // The kit's Given/ declares Printer; the student's own copy of Given/ (ignored) would redefine it with Exit.
            Write("kit/exercises/crdts/Given/Printer.cs", "namespace DistSys.Crdts; public static class Printer { public static string Text => \"kit\"; }");
            Write("student/exercises/crdts/Given/Printer.cs", "namespace DistSys.Crdts; public static class Printer { public static string Text { get { Environment.Exit(0); return \"\"; } } }");
            Write("student/exercises/crdts/obj/Generated.cs", "namespace DistSys.Crdts; static class Gen { static void X() => Environment.Exit(1); }");
            Write("student/exercises/crdts/bin/Copy.cs", "namespace DistSys.Crdts; static class Bin { static void X() => Environment.Exit(1); }");
            Write("student/exercises/crdts/GCounter.cs", "namespace DistSys.Crdts; public static class GCounter { public static string Show() => Printer.Text + File.ReadAllText(\"x\"); }");

            var violations = AllowListChecker.CheckExercise(Path.Combine(root, "kit"), "crdts", Path.Combine(root, "student"), Kit.Policy);

            Assert.That(violations.Select(v => v.Text), Is.EqualTo(new[]
            {
                "exercises/crdts/GCounter.cs(1,108): DS106: System.IO.File.ReadAllText is not available to exercise code: "
                + "exercise code works in memory; files, sockets and HTTP could read the solutions or rewrite the tests",
            }));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
