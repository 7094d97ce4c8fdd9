using DistSys.Testing.Hosting;

namespace DistSys.Testing.Tests;

/// <summary>
/// The suite host's crash attribution without a grader: work that a test's code starts carries the test's name into
/// the exceptions it throws, however it was started, unless it was started without the test's execution context.
/// Each exception here is thrown and caught on the background thread, so nothing crashes this process.
/// </summary>
[NonParallelizable]
public class CrashOriginTests
{
    private const string TestName = "Suite.Fixture.Starts_work";

    [SetUp]
    public void NoteThrows() => AppDomain.CurrentDomain.FirstChanceException += Note;

    [TearDown]
    public void StopNoting()
    {
        AppDomain.CurrentDomain.FirstChanceException -= Note;
        CrashOrigin.Leave();
    }

    [Test]
    public void An_exception_on_a_thread_the_test_started_names_the_test_even_after_it_finished()
    {
        CrashOrigin.Enter(TestName);
        using var started = new ManualResetEventSlim();
        Exception? thrown = null;
        var thread = new Thread(() =>
        {
            started.Wait();
            thrown = ThrowAndCatch();
        });
        thread.Start();
        CrashOrigin.Leave();
        started.Set();
        thread.Join();

        Assert.That(CrashOrigin.Of(thrown!), Is.EqualTo(TestName), "the thread inherited the test's context when it started");
    }

    [Test]
    public void Exceptions_from_the_thread_pool_a_continuation_and_a_timer_name_the_test()
    {
        CrashOrigin.Enter(TestName);
        var pooled = Task.Run(ThrowAndCatch);
        var continued = Task.Delay(1).ContinueWith(_ => ThrowAndCatch(), TaskScheduler.Default);
        var timed = new TaskCompletionSource<Exception>();
        using var timer = new Timer(_ => timed.TrySetResult(ThrowAndCatch()), null, 1, Timeout.Infinite);
        CrashOrigin.Leave();

        var exceptions = new[] { pooled.Result, continued.Result, timed.Task.Result };

        Assert.That(exceptions.Select(CrashOrigin.Of), Is.All.EqualTo(TestName));
    }

    [Test]
    public void A_thread_started_without_the_tests_context_names_no_test()
    {
        CrashOrigin.Enter(TestName);
        Exception? thrown = null;
        var thread = new Thread(() => thrown = ThrowAndCatch());
        thread.UnsafeStart();
        thread.Join();

        Assert.That(CrashOrigin.Of(thrown!), Is.Null, "UnsafeStart does not carry the execution context, so the grader must find the culprit by lone runs");
    }

    [Test]
    public void Work_started_between_tests_names_no_test()
    {
        CrashOrigin.Enter(TestName);
        CrashOrigin.Leave();

        var thrown = Task.Run(ThrowAndCatch).Result;

        Assert.That(CrashOrigin.Of(thrown), Is.Null);
    }

    [Test]
    public void A_wrapping_exception_thrown_later_is_traced_through_its_inner_exception()
    {
        CrashOrigin.Enter(TestName);
        var inner = Task.Run(ThrowAndCatch).Result;
        CrashOrigin.Leave();

        Assert.That(CrashOrigin.Of(new AggregateException(inner)), Is.EqualTo(TestName));
    }

    private static void Note(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs thrown) =>
        CrashOrigin.NoteThrow(thrown.Exception);

    private static Exception ThrowAndCatch()
    {
        try
        {
            throw new InvalidOperationException("late boom");
        }
        catch (InvalidOperationException caught)
        {
            return caught;
        }
    }
}
