using System.Reflection;

namespace DistSys.Testing.Hosting;

/// <summary>The grader's side of an exercise suite: runs the suite's tests in this process and reports each result.</summary>
public static class SuiteHost
{
    /// <summary>Entry point of every exercise suite executable.</summary>
    public static int Run(Assembly suite, string[] args)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Contains(BenchmarkProtocol.Argument, StringComparer.Ordinal))
        {
            return BenchmarkHost.Run(suite, args);
        }

        Console.Error.WriteLine("This suite is run by the grader: dotnet run --project grader");
        return 2;
    }
}
