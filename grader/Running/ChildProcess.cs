using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;

namespace DistSys.Grader.Running;

/// <summary>One line a child process wrote, on stdout or stderr.</summary>
internal readonly record struct ProcessLine(bool IsStandardError, string Text);

/// <summary>What the grader keeps of a child's output.</summary>
internal enum OutputKeeping
{
    /// <summary>Every line of stdout and stderr (the build: its output is the compiler's).</summary>
    All,

    /// <summary>Stderr only, the latest lines, each cut short; stdout is read and dropped (student code: the protocol travels elsewhere).</summary>
    StandardErrorTail,
}

/// <summary>
/// A child process whose output arrives as one stream of lines, read in bounded pieces. The stream ends shortly after
/// the process exits even if a grandchild still holds the pipes open, so a stray process can never hang the grader.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private const int MaxLineLength = 64 * 1024;
    private const int TailLines = 200;
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(1);

    // Variables that `dotnet run` or an outer msbuild set for their own children; inherited, they would point a
    // nested `dotnet build` at the wrong msbuild or SDK.
    private static readonly string[] InheritedToolVariables =
    [
        "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly",
        "DOTNET_LAUNCH_PROFILE", "DOTNET_HOST_PATH_OVERRIDE",
    ];

    private readonly Process process;
    private readonly Channel<ProcessLine> lines;

    private ChildProcess(Process process, OutputKeeping keeping)
    {
        this.process = process;
        lines = keeping == OutputKeeping.All
            ? Channel.CreateUnbounded<ProcessLine>(new UnboundedChannelOptions { SingleReader = true })
            : Channel.CreateBounded<ProcessLine>(new BoundedChannelOptions(TailLines) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
        var stdout = PumpAsync(process.StandardOutput, isStandardError: false, keep: keeping == OutputKeeping.All);
        var stderr = PumpAsync(process.StandardError, isStandardError: true, keep: true);
        Exited = process.WaitForExitAsync();
        _ = CompleteAfterExitAsync(Task.WhenAll(stdout, stderr));
    }

    /// <summary>Completes when the process has exited.</summary>
    public Task Exited { get; }

    public ChannelReader<ProcessLine> Lines => lines.Reader;

    public int ExitCode => process.ExitCode;

    /// <summary>The process id (the sandboxed command execs in place, so this is the suite's own).</summary>
    public int Id => process.Id;

    /// <summary>Processor time the process has used so far (all its threads).</summary>
    public TimeSpan ProcessorTime => process.TotalProcessorTime;

    /// <summary>Starts <c>dotnet</c> with <paramref name="arguments"/> in the grader's own environment, minus the tool variables; <paramref name="environment"/> entries with a null value are removed.</summary>
    public static ChildProcess StartDotnet(
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var variable in InheritedToolVariables)
        {
            startInfo.Environment.Remove(variable);
        }

        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        return Start(startInfo, OutputKeeping.All);
    }

    /// <summary>Starts a prepared process (a sandboxed one, for instance).</summary>
    public static ChildProcess Start(ProcessStartInfo startInfo, OutputKeeping keeping)
    {
        var process = Spawner.Start(startInfo);
        return new ChildProcess(process, keeping);
    }

    public async Task WriteInputAndCloseAsync(string text)
    {
        try
        {
            await process.StandardInput.WriteAsync(text).ConfigureAwait(false);
            await process.StandardInput.FlushAsync().ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process exited before reading its input; its exit is reported through Lines and Exited.
        }
    }

    /// <summary>Kills the process and everything it started that is still its descendant.</summary>
    public void KillTree()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    public void Dispose()
    {
        KillTree();
        process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader, bool isStandardError, bool keep)
    {
        var bounded = new BoundedLineReader(reader, MaxLineLength);
        try
        {
            while (await bounded.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (keep)
                {
                    lines.Writer.TryWrite(new ProcessLine(isStandardError, line));
                }
            }
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException)
        {
            // The pipe broke because the process was killed; what was read so far stands.
        }
    }

    private async Task CompleteAfterExitAsync(Task readers)
    {
        await Exited.ConfigureAwait(false);
        await Task.WhenAny(readers, Task.Delay(DrainGrace)).ConfigureAwait(false);
        lines.Writer.TryComplete();
    }

    /// <summary>
    /// Starts processes from one thread that lives as long as the grader. A sandboxed process asks for SIGKILL when its
    /// parent dies (setpriv --pdeathsig), and Linux sends that signal when the <em>thread</em> that forked it ends, not
    /// the process: started from a thread-pool thread, a suite was killed (exit code 137) whenever the pool retired that
    /// thread mid-run, failing an honest test at random.
    /// </summary>
    private static class Spawner
    {
        private static readonly BlockingCollection<(ProcessStartInfo StartInfo, TaskCompletionSource<Process> Started)> Requests = new();

        static Spawner()
        {
            new Thread(Serve) { IsBackground = true, Name = "child-process spawner" }.Start();
        }

        public static Process Start(ProcessStartInfo startInfo)
        {
            var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
            Requests.Add((startInfo, started));
            return started.Task.GetAwaiter().GetResult();
        }

        private static void Serve()
        {
            foreach (var (startInfo, started) in Requests.GetConsumingEnumerable())
            {
                try
                {
                    started.SetResult(Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}."));
                }
                catch (Exception failure)
                {
                    started.SetException(failure);
                }
            }
        }
    }
}
