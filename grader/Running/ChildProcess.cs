using System.Diagnostics;
using System.Threading.Channels;

namespace DistSys.Grader.Running;

/// <summary>One line a child process wrote, on stdout or stderr.</summary>
internal readonly record struct ProcessLine(bool IsStandardError, string Text);

/// <summary>
/// A child process whose stdout and stderr arrive as one stream of lines. The stream ends shortly after the process
/// exits even if a grandchild still holds the pipes open, so a stray process can never hang the grader.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(1);

    // Variables that `dotnet run` or an outer msbuild set for their own children; inherited, they would point a
    // nested `dotnet build` at the wrong msbuild or SDK.
    private static readonly string[] InheritedToolVariables =
    [
        "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly",
        "DOTNET_LAUNCH_PROFILE", "DOTNET_HOST_PATH_OVERRIDE",
    ];

    private readonly Process process;
    private readonly Channel<ProcessLine> lines = Channel.CreateUnbounded<ProcessLine>(new UnboundedChannelOptions { SingleReader = true });

    private ChildProcess(Process process)
    {
        this.process = process;
        var stdout = PumpAsync(process.StandardOutput, isStandardError: false);
        var stderr = PumpAsync(process.StandardError, isStandardError: true);
        Exited = process.WaitForExitAsync();
        _ = CompleteAfterExitAsync(Task.WhenAll(stdout, stderr));
    }

    /// <summary>Completes when the process has exited.</summary>
    public Task Exited { get; }

    public ChannelReader<ProcessLine> Lines => lines.Reader;

    public int ExitCode => process.ExitCode;

    /// <summary>Starts <c>dotnet</c> with <paramref name="arguments"/>; <paramref name="environment"/> entries with a null value are removed.</summary>
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

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start dotnet.");
        return new ChildProcess(process);
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

    /// <summary>Kills the process and everything it started.</summary>
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

    private async Task PumpAsync(StreamReader reader, bool isStandardError)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lines.Writer.TryWrite(new ProcessLine(isStandardError, line));
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
}
