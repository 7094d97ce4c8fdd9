using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace DistSys.Grader.Containment;

/// <summary>
/// Where one run of student code lives, and how it is contained: its own scratch folder, a scrubbed environment, a
/// memory limit and, when the grader runs as root (CI), a user id of its own, so that student code cannot write the kit
/// and every process it leaves behind (double forks, <c>setsid</c>) can be found by that id and killed. Without root,
/// processes are found by a marker in their environment, which children inherit.
/// </summary>
internal sealed partial class Sandbox : IDisposable
{
    /// <summary>Processes (and threads) one sandbox user may have at once: plenty for a test, not for a fork bomb.</summary>
    private const int MaxProcesses = 1024;
    private const string MarkerVariable = "DISTSYS_SANDBOX";
    private const int SigKill = 9;

    private readonly string folder;

    private Sandbox(string folder, int? userId, string marker, long memoryLimitBytes)
    {
        this.folder = folder;
        UserId = userId;
        Marker = marker;
        MemoryLimitBytes = memoryLimitBytes;
    }

    /// <summary>True when the grader runs as root: student code is then run as an unprivileged user.</summary>
    public static bool IsRoot => OperatingSystem.IsLinux() && GetEffectiveUserId() == 0;

    /// <summary>The sandbox's own user id (root only), unique among the sandboxes of every grader running on the machine.</summary>
    public int? UserId { get; }

    public string Marker { get; }

    public long MemoryLimitBytes { get; }

    /// <summary>Writable by the student code: its HOME and TMPDIR.</summary>
    public string ScratchFolder => Path.Combine(folder, "scratch");

    /// <summary>Only the grader writes here (the host channel's socket lives in it).</summary>
    public string GraderFolder => Path.Combine(folder, "grader");

    /// <summary>Creates a sandbox; <paramref name="slot"/> tells apart the sandboxes one grader has open at once (0–15).</summary>
    public static Sandbox Create(int slot, long memoryLimitBytes, bool separateUser = true)
    {
        var marker = Guid.NewGuid().ToString("N");
        var root = Directory.CreateTempSubdirectory("distsys-sandbox-").FullName;
        int? userId = separateUser && IsRoot ? 200_000 + (Environment.ProcessId % 1_000_000) * 16 + (slot % 16) : null;
        var sandbox = new Sandbox(root, userId, marker, memoryLimitBytes);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        Directory.CreateDirectory(sandbox.GraderFolder);
        Directory.CreateDirectory(sandbox.ScratchFolder);
        if (userId is { } id)
        {
            // A sandbox user left over from a grader that died with this pid must not be running now.
            sandbox.KillAll();
            if (Chown(sandbox.ScratchFolder, id, id) != 0)
            {
                throw new InvalidOperationException($"Could not hand {sandbox.ScratchFolder} to the sandbox user {id}.");
            }
        }

        return sandbox;
    }

    /// <summary>Creates (or checks) a folder that only root can write, for grading trees that sandbox users must read.</summary>
    public static void CreateRootOwnedFolder(string path)
    {
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Someone else's folder at this path could hold links that make the grader write elsewhere: start afresh.
        if (new DirectoryInfo(path).LinkTarget is not null || OwnerOf(path) != 0)
        {
            if (new DirectoryInfo(path).LinkTarget is not null)
            {
                File.Delete(path);
            }
            else
            {
                Directory.Delete(path, recursive: true);
            }

            Directory.CreateDirectory(path);
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    /// <summary>
    /// The start information for <c>dotnet</c> with <paramref name="arguments"/> inside the sandbox: a fresh environment
    /// holding only what the runtime needs plus <paramref name="environment"/>, and, as root, the sandbox user with a
    /// process limit and death with the grader.
    /// </summary>
    public ProcessStartInfo StartInfo(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        var dotnet = DotnetPath();
        var startInfo = new ProcessStartInfo
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (UserId is { } id)
        {
            startInfo.FileName = "prlimit";
            foreach (var argument in (string[])[$"--nproc={MaxProcesses}:{MaxProcesses}", "--core=0:0", "--",
                         "setpriv", $"--reuid={id}", $"--regid={id}", "--clear-groups", "--pdeathsig=KILL", "--", dotnet])
            {
                startInfo.ArgumentList.Add(argument);
            }
        }
        else
        {
            startInfo.FileName = dotnet;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Nothing of the grader's environment leaks in: not its command line's secrets, not a replay seed, not a switch.
        startInfo.Environment.Clear();
        startInfo.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        startInfo.Environment["HOME"] = ScratchFolder;
        startInfo.Environment["TMPDIR"] = ScratchFolder;
        startInfo.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(dotnet);
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_gcServer"] = "0";
        startInfo.Environment["DOTNET_GCHeapHardLimit"] = "0x" + MemoryLimitBytes.ToString("X", CultureInfo.InvariantCulture);
        startInfo.Environment[MarkerVariable] = Marker;
        foreach (var (name, value) in environment)
        {
            if (value is not null)
            {
                startInfo.Environment[name] = value;
            }
        }

        return startInfo;
    }

    /// <summary>Creates <paramref name="path"/> if need be and lets the sandbox's user write it (and nothing above it).</summary>
    public void GrantFolder(string path)
    {
        Directory.CreateDirectory(path);
        if (UserId is { } id && Chown(path, id, id) != 0)
        {
            throw new InvalidOperationException($"Could not hand {path} to the sandbox user {id}.");
        }
    }

    /// <summary>Kills every process of the sandbox, however it was started, until none is left.</summary>
    public int KillAll()
    {
        var killed = 0;
        for (var round = 0; round < 50; round++)
        {
            var members = Members().ToList();
            if (members.Count == 0)
            {
                return killed;
            }

            foreach (var pid in members)
            {
                if (Kill(pid, SigKill) == 0)
                {
                    killed++;
                }
            }

            Thread.Sleep(round < 5 ? 5 : 20);
        }

        return killed;
    }

    /// <summary>Resident memory of every process of the sandbox together.</summary>
    public long ResidentBytes()
    {
        long total = 0;
        foreach (var pid in Members())
        {
            total += ReadStatusKilobytes(pid, "VmRSS:") * 1024;
        }

        return total;
    }

    public void Dispose()
    {
        KillAll();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Scratch files the student code protected; the system temp folder is cleaned eventually.
        }
    }

    private IEnumerable<int> Members()
    {
        if (!OperatingSystem.IsLinux())
        {
            yield break;
        }

        var self = Environment.ProcessId;
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == self)
            {
                continue;
            }

            if (UserId is { } id ? RealUserId(pid) == id : HasMarker(pid))
            {
                yield return pid;
            }
        }
    }

    private static int? RealUserId(int pid)
    {
        var line = StatusLine(pid, "Uid:");
        var fields = line?.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: > 1 } && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ? uid : null;
    }

    private bool HasMarker(int pid)
    {
        try
        {
            var environment = File.ReadAllBytes($"/proc/{pid}/environ");
            var needle = System.Text.Encoding.ASCII.GetBytes(MarkerVariable + "=" + Marker);
            return environment.AsSpan().IndexOf(needle) >= 0;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long ReadStatusKilobytes(int pid, string key)
    {
        var fields = StatusLine(pid, key)?.Split(' ', '\t', StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: > 1 } && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
    }

    private static string? StatusLine(int pid, string key)
    {
        try
        {
            return File.ReadLines($"/proc/{pid}/status").FirstOrDefault(line => line.StartsWith(key, StringComparison.Ordinal));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string DotnetPath()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (host is not null && File.Exists(host))
        {
            return host;
        }

        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var candidate = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "dotnet"));
        return File.Exists(candidate) ? candidate : "dotnet";
    }

    /// <summary>The owner's user id of <paramref name="path"/> (not following a link), or null when it cannot be read.</summary>
    private static int? OwnerOf(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%u", "--", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        });
        if (stat is null)
        {
            return null;
        }

        var text = stat.StandardOutput.ReadToEnd();
        stat.WaitForExit();
        return stat.ExitCode == 0 && int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ? uid : null;
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, int owner, int group);
}
