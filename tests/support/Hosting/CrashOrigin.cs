using System.Runtime.CompilerServices;

namespace DistSys.Testing.Hosting;

/// <summary>
/// Remembers which test's code threw each exception, so that a crash on a background thread is blamed on the test
/// that started that thread, pool work item, timer or continuation, even after that test returned.
/// </summary>
/// <remarks>
/// The test's name is an <see cref="AsyncLocal{T}"/> set in the execution context the test method runs in, so it flows
/// wherever that context flows: <c>new Thread(...).Start()</c>, the thread pool, <c>Task.Run</c>, continuations and
/// timers. It must be read when the exception is thrown, not when it turns out to be unhandled: by then the runtime
/// has already restored the thread's own context (ExecutionContext.RunInternal catches, restores, rethrows), which is
/// why reading it in the UnhandledException handler never knows the test. Code that suppresses the flow
/// (<c>Thread.UnsafeStart</c>, <c>ExecutionContext.SuppressFlow</c>, <c>UnsafeQueueUserWorkItem</c>) throws with no
/// test known; the grader then finds the culprit by running tests again one at a time.
/// </remarks>
internal static class CrashOrigin
{
    private static readonly AsyncLocal<string?> RunningTest = new();
    private static readonly ConditionalWeakTable<Exception, string> ThrownBy = new();

    // NUnit catches whatever the test's own thread throws, so only other threads' exceptions can crash the process.
    private static int testThread;

    private static volatile bool dying;

    /// <summary>
    /// Set once an exception went unhandled: the process is about to die, and a test started now would only finish
    /// (and pass) in a process whose later crashes nobody will see.
    /// </summary>
    public static bool Dying => dying;

    /// <summary>Called first thing by the host's UnhandledException handler.</summary>
    public static void NoteDying() => dying = true;

    /// <summary>Called on the test's own thread as it starts: the code it runs, and everything that code starts, carries the name.</summary>
    public static void Enter(string test)
    {
        testThread = Environment.CurrentManagedThreadId;
        RunningTest.Value = test;
    }

    /// <summary>Called as the test finishes: code that fixtures run between tests is not blamed on it.</summary>
    public static void Leave() => RunningTest.Value = null;

    /// <summary>Called for every exception as it is thrown, on the throwing thread; the first throw's context wins (rethrows happen after the context was restored).</summary>
    public static void NoteThrow(Exception exception)
    {
        if (Environment.CurrentManagedThreadId != testThread && RunningTest.Value is { } test)
        {
            ThrownBy.TryAdd(exception, test);
        }
    }

    /// <summary>The test whose code threw <paramref name="exception"/> (or one of its inner exceptions), or null when no test is known.</summary>
    public static string? Of(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (ThrownBy.TryGetValue(current, out var test))
            {
                return test;
            }
        }

        return null;
    }
}
