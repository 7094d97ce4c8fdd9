using System.Text.Json;
using DistSys.Grader.Kit;

namespace DistSys.Grader.Tests;

/// <summary>
/// Grades a throwaway copy of the kit with one fixture exercise whose "student" helper starts work that throws after
/// the test that started it returned: a thread (5, 100 and 300 ms later), an async continuation on the thread pool,
/// a timer callback, a thread started without the test's execution context, a crash after the last test, and a crash
/// that only the combination of two tests causes. Between them run tests that never call the helper: they must keep
/// passing, and each crash must fail the test whose code started the failing work, with the exception's stack.
/// Slow (a real build), so it only runs when asked: dotnet test tests/grader --filter Category=EndToEnd
/// </summary>
[Explicit("Builds and grades a copy of the kit; run with --filter Category=EndToEnd")]
[Category("EndToEnd")]
public class CrashBlameTests
{
    private const string Slug = "e2e-crashes";
    private const string Pascal = "E2eCrashes";
    private const string Namespace = "DistSys." + Pascal + ".Tests.";
    private string copyRoot = string.Empty;
    private int graderExitCode;
    private string graderError = string.Empty;
    private JsonElement exercise;

    [OneTimeSetUp]
    public void GradeAKitCopyWithLateCrashes()
    {
        var kit = KitLayout.Locate(null, TestContext.CurrentContext.TestDirectory);
        copyRoot = KitCopy.Create(kit.Root, "distsys-crashes-");
        KitCopy.WriteExercise(copyRoot, Slug, Pascal, new Dictionary<string, string> { ["Helper.cs"] = Helper }, new Dictionary<string, string> { ["Helper.cs"] = Helper }, Suite);
        // Threads are the point of this fixture; exercises about threads get the same set.
        File.AppendAllText(Path.Combine(copyRoot, "grader", "allowed-apis.yaml"), $"  {Slug}:\n    sets: [threads]\n");

        var run = KitCopy.RunGrader(["--root", copyRoot, "--format", "json", "--no-bench", "--test-timeout", "10", "--exercise", Slug], copyRoot);
        graderExitCode = run.ExitCode;
        graderError = run.Error;
        try
        {
            exercise = JsonDocument.Parse(run.Output).RootElement.GetProperty("exercises").EnumerateArray()
                .Single(candidate => candidate.GetProperty("slug").GetString() == Slug).Clone();
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Assert.Fail($"The grader's stdout has no report for {Slug} (exit code {run.ExitCode}).\nstdout:\n{run.Output}\nstderr:\n{run.Error}");
        }
    }

    [OneTimeTearDown]
    public void DeleteTheCopy()
    {
        KitCopy.DeleteGradingTrees(Slug);
        if (Directory.Exists(copyRoot))
        {
            Directory.Delete(copyRoot, recursive: true);
        }
    }

    [Test]
    public void The_grader_exits_0() => Assert.That(graderExitCode, Is.Zero, graderError);

    [TestCase("A_thread_throws_5_ms_after_the_test", "late boom from a thread after 5 ms")]
    [TestCase("C_thread_throws_100_ms_after_the_test", "late boom from a thread after 100 ms")]
    [TestCase("E_thread_throws_300_ms_after_the_test", "late boom from a thread after 300 ms")]
    public void A_thread_that_throws_after_its_test_returned_fails_that_test_with_the_stack(string test, string exception)
    {
        AssertBlamed(test, exception, "<ThreadThrowsAfter>");
    }

    [Test]
    public void An_async_continuation_on_the_thread_pool_that_throws_later_is_blamed_on_its_test()
    {
        AssertBlamed("G_task_continuation_throws_100_ms_after_the_test", "late boom from a task continuation after 100 ms", "FireAndForget");
    }

    [Test]
    public void A_timer_callback_that_throws_later_is_blamed_on_its_test()
    {
        AssertBlamed("I_timer_throws_100_ms_after_the_test", "late boom from a timer after 100 ms", "<TimerThrowsAfter>");
    }

    [Test]
    public void A_crash_after_the_last_test_still_counts()
    {
        AssertBlamed("Z_thread_throws_300_ms_after_the_last_test", "late boom from a thread after 300 ms", "<ThreadThrowsAfter>");
    }

    [Test]
    public void A_thread_started_without_the_tests_context_is_found_by_running_the_suspects_alone()
    {
        AssertBlamed("K_context_less_thread_throws_100_ms_after_the_test", "late boom from an unsafe thread after 100 ms", "<UnsafeThreadThrowsAfter>");
        Assert.That(Message("K_context_less_thread_throws_100_ms_after_the_test"), Does.Contain("run alone, this test crashed it again"),
            "the message says how the grader knows, since the crash happened during another test");
    }

    [Test]
    public void Tests_that_never_called_the_crashing_code_keep_passing()
    {
        var innocent = Tests().Where(test => !ShortName(test).Contains("throws", StringComparison.Ordinal)).ToList();

        Assert.That(innocent.Select(ShortName), Has.Member("B_innocent_waits").And.Member("M_innocent_is_quick"), "the fixture's innocent tests are there");
        Assert.That(innocent.Where(test => Status(test) != "passed").Select(test => $"{ShortName(test)}: {test.GetProperty("message").GetString()}"), Is.Empty,
            "a crash that came while a test ran (or between tests) is not that test's fault");
    }

    [Test]
    public void A_crash_that_no_single_test_reproduces_is_shown_on_the_exercise_and_fails_no_test()
    {
        Assert.That(exercise.GetProperty("message").GetString(),
            Does.StartWith("the suite process crashed and none of the").And.Contain("late boom from an unsafe thread after 50 ms"),
            "never ignored: the crash is reported on the exercise");
        Assert.That(new[] { "First_call", "Second_call_crashes_only_after_the_first" }.Select(name => Status(Test(name))), Is.All.EqualTo("passed"),
            "neither test crashes the suite alone, so neither is failed for it");
    }

    private void AssertBlamed(string test, string exception, string frame)
    {
        Assert.That(Status(Test(test)), Is.EqualTo("failed"), $"{test} started work that crashed the suite");
        Assert.That(Message(test), Does.Contain("an unhandled exception on a background thread").And.Contain(exception).And.Contain(frame).And.Contain("Helper.cs:line"),
            "the message names the exception and shows the stack where it was thrown");
    }

    private IEnumerable<JsonElement> Tests() => exercise.GetProperty("tests").EnumerateArray();

    private JsonElement Test(string method) => Tests().Single(test => ShortName(test) == method);

    private string? Message(string method) => Test(method).GetProperty("message").GetString();

    private static string? Status(JsonElement test) => test.GetProperty("status").GetString();

    private static string ShortName(JsonElement test) => test.GetProperty("name").GetString()!.Split('.')[^1];

    // The stand-in for student code: each helper starts work that fails after the call returned. Pending counts work
    // that has not thrown yet, so that the fixture's innocent tests can wait for it: one crash per suite process, since
    // a process that dies of one crash never shows a later one (see grader/README.md).
    private const string Helper = """
        /// <summary>Starts work that fails after the call returned.</summary>
        public static class Helper
        {
            private static readonly List<Timer> Timers = [];
            private static int calls;
            private static int pending;

            /// <summary>Work started by this class that has not thrown yet.</summary>
            public static int Pending => Volatile.Read(ref pending);

            /// <summary>Starts a thread that throws after <paramref name="ms"/> milliseconds.</summary>
            public static void ThreadThrowsAfter(int ms)
            {
                Interlocked.Increment(ref pending);
                new Thread(() => { Thread.Sleep(ms); Throw("a thread", ms); }) { IsBackground = true }.Start();
            }

            /// <summary>Runs an async continuation on the thread pool that throws after <paramref name="ms"/> milliseconds.</summary>
            public static void TaskContinuationThrowsAfter(int ms)
            {
                Interlocked.Increment(ref pending);
                Task.Run(() => FireAndForget(ms));
            }

            /// <summary>Starts a one-shot timer whose callback throws after <paramref name="ms"/> milliseconds.</summary>
            public static void TimerThrowsAfter(int ms)
            {
                Interlocked.Increment(ref pending);
                lock (Timers)
                {
                    Timers.Add(new Timer(_ => Throw("a timer", ms), null, ms, Timeout.Infinite));
                }
            }

            /// <summary>Starts a thread without the caller's execution context that throws after <paramref name="ms"/> milliseconds.</summary>
            public static void UnsafeThreadThrowsAfter(int ms)
            {
                Interlocked.Increment(ref pending);
                new Thread(() => { Thread.Sleep(ms); Throw("an unsafe thread", ms); }) { IsBackground = true }.UnsafeStart();
            }

            /// <summary>The second call in one process starts a context-less thread that throws: no single test reproduces it.</summary>
            public static void ThrowsOnTheSecondCall()
            {
                if (Interlocked.Increment(ref calls) == 2)
                {
                    UnsafeThreadThrowsAfter(50);
                }
            }

            /// <summary>Two.</summary>
            public static int Two() => 2;

            private static void Throw(string where, int ms)
            {
                Interlocked.Decrement(ref pending);
                throw new InvalidOperationException("late boom from " + where + " after " + ms + " ms");
            }

            private static async void FireAndForget(int ms)
            {
                await Task.Delay(ms).ConfigureAwait(false);
                Throw("a task continuation", ms);
            }
        }
        """;

    // NUnit runs fixtures and tests in name order: each crash comes while the innocent test after its starter waits.
    private const string Suite = """
        public class Crash_that_no_single_test_reproduces
        {
            [Test] public void First_call() => Helper.ThrowsOnTheSecondCall();

            [Test] public void Second_call_crashes_only_after_the_first()
            {
                Helper.ThrowsOnTheSecondCall();
                Thread.Sleep(300);
            }
        }

        public class Late_crashes
        {
            [Test] public void A_thread_throws_5_ms_after_the_test() => Helper.ThreadThrowsAfter(5);
            [Test] public void B_innocent_waits() => WaitForEarlierWork();
            [Test] public void C_thread_throws_100_ms_after_the_test() => Helper.ThreadThrowsAfter(100);
            [Test] public void D_innocent_waits() => WaitForEarlierWork();
            [Test] public void E_thread_throws_300_ms_after_the_test() => Helper.ThreadThrowsAfter(300);
            [Test] public void F_innocent_waits() => WaitForEarlierWork();
            [Test] public void G_task_continuation_throws_100_ms_after_the_test() => Helper.TaskContinuationThrowsAfter(100);
            [Test] public void H_innocent_waits() => WaitForEarlierWork();
            [Test] public void I_timer_throws_100_ms_after_the_test() => Helper.TimerThrowsAfter(100);
            [Test] public void J_innocent_waits() => WaitForEarlierWork();
            [Test] public void K_context_less_thread_throws_100_ms_after_the_test() => Helper.UnsafeThreadThrowsAfter(100);
            [Test] public void L_innocent_waits() => WaitForEarlierWork();
            [Test] public void M_innocent_is_quick() => Assert.That(Helper.Two(), Is.EqualTo(2));
            [Test] public void Z_thread_throws_300_ms_after_the_last_test() => Helper.ThreadThrowsAfter(300);

            // Never calls the helper's crashing code: waits (at most 10 s) until the earlier test's work has thrown, and
            // a moment longer, so that the process dies of that crash during this test.
            private static void WaitForEarlierWork()
            {
                var waited = 0;
                while (Helper.Pending > 0 && waited < 10_000)
                {
                    Thread.Sleep(10);
                    waited += 10;
                }

                Thread.Sleep(Helper.Pending == 0 && waited > 0 ? 300 : 0);
                Assert.That(Helper.Two(), Is.EqualTo(2));
            }
        }
        """;
}
