using DistSys.Grader.Cli;

namespace DistSys.Grader;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        try
        {
            return await new GraderCommandLine(Console.Out, Console.Error, Environment.CurrentDirectory, Console.IsOutputRedirected).RunAsync(args).ConfigureAwait(false);
        }
        catch (Exception unexpected)
        {
            // Never a stack trace: one line saying what went wrong.
            await Console.Error.WriteLineAsync($"grader: internal error: {unexpected.GetType().Name}: {unexpected.Message}").ConfigureAwait(false);
            return ExitCodes.InternalFailure;
        }
    }
}
