using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using DistSys.Grader.Kit;
using DistSys.Grader.Trees;

namespace DistSys.Grader.Submissions;

/// <summary>A submission ready to grade: a folder laid out like the kit, and where it came from.</summary>
/// <param name="Folder">The folder whose <c>exercises/&lt;slug&gt;/</c> sources are graded.</param>
/// <param name="Kind">folder, zip or git.</param>
internal sealed record OpenedSubmission(string Folder, string Kind, string Origin);

/// <summary>
/// Turns what an instructor names as a submission (a folder, a .zip, a git repository) into a checked folder, writing
/// only inside the work folder it is given. Everything about a submission that makes it ungradable is found here,
/// before anything is built, and reported as one <see cref="UsageException"/> (exit code 2).
/// </summary>
internal static partial class SubmissionOpener
{
    private const int ZipSymlinkType = 0xA000;

    /// <param name="argument">The submission as the user wrote it.</param>
    /// <param name="workFolder">Scratch space of this grading run; a .zip is extracted and a repository cloned into its <c>submission/</c>.</param>
    /// <param name="slugs">The kit's exercises: a submission must hold at least one of them.</param>
    public static OpenedSubmission Open(string argument, string workingDirectory, string workFolder, IReadOnlyCollection<string> slugs)
    {
        var opened = Materialize(argument, workingDirectory, workFolder);
        var folder = Unwrap(opened.Folder);
        Check(argument, folder, slugs);
        return opened with { Folder = folder };
    }

    private static OpenedSubmission Materialize(string argument, string workingDirectory, string workFolder)
    {
        if (string.IsNullOrWhiteSpace(argument))
        {
            throw Refused(argument, "no submission given");
        }

        if (LooksLikeRemote(argument))
        {
            return new OpenedSubmission(Clone(argument, argument, workFolder), "git", argument);
        }

        var full = Path.GetFullPath(argument, workingDirectory);
        if (File.Exists(full))
        {
            return IsZip(full)
                ? new OpenedSubmission(Extract(argument, full, workFolder), "zip", full)
                : throw Refused(argument, "a file that is not a .zip archive; give a folder, a .zip or a git repository");
        }

        if (!Directory.Exists(full))
        {
            throw Refused(argument, "no such file or folder");
        }

        if (new DirectoryInfo(full).LinkTarget is not null)
        {
            throw Refused(argument, "a symbolic link; give the folder itself");
        }

        // A bare repository (what a course's git server holds) has no working tree to read: check out its HEAD.
        return IsBareRepository(full)
            ? new OpenedSubmission(Clone(argument, new Uri(full).AbsoluteUri, workFolder), "git", full)
            : new OpenedSubmission(full, "folder", full);
    }

    /// <summary>Archives made by "Download ZIP" hold one folder named after the repository: grade what is inside it.</summary>
    private static string Unwrap(string folder)
    {
        if (Directory.Exists(Path.Combine(folder, "exercises")))
        {
            return folder;
        }

        var entries = Directory.GetFileSystemEntries(folder);
        return entries.Length == 1 && Directory.Exists(entries[0]) && new DirectoryInfo(entries[0]).LinkTarget is null
            && Directory.Exists(Path.Combine(entries[0], "exercises"))
                ? entries[0]
                : folder;
    }

    private static void Check(string argument, string folder, IReadOnlyCollection<string> slugs)
    {
        var links = new List<string>();
        var files = KitFiles.Walk(folder, links);
        if (links.Count > 0)
        {
            throw Refused(argument, $"it contains a symbolic link ({links.Order(StringComparer.Ordinal).First()}); submissions must hold plain files only");
        }

        if (files.Count == 0)
        {
            throw Refused(argument, "it is empty");
        }

        if (files.Count > SubmissionLimits.MaxFiles)
        {
            throw Refused(argument, $"it holds {files.Count} files; at most {SubmissionLimits.MaxFiles} are accepted");
        }

        var total = files.Values.Sum(path => new FileInfo(path).Length);
        if (total > SubmissionLimits.MaxBytes)
        {
            throw Refused(argument, $"it holds {total / (1024 * 1024)} MiB; at most {SubmissionLimits.MaxBytes / (1024 * 1024)} MiB are accepted");
        }

        var submitted = files.Keys.Where(KitFiles.IsStudentSource).Select(KitFiles.SlugOf).ToHashSet(StringComparer.Ordinal);
        if (!submitted.Overlaps(slugs))
        {
            throw Refused(argument,
                $"not laid out like the kit: no .cs file in any exercises/<slug>/ folder of this kit (slugs: {string.Join(", ", slugs.Order(StringComparer.Ordinal))})");
        }

        foreach (var (relative, path) in files.Where(pair => KitFiles.IsStudentSource(pair.Key)))
        {
            if (!IsText(path))
            {
                throw Refused(argument, $"{relative} is not C# source text (it holds NUL bytes or is not UTF-8)");
            }
        }
    }

    private static bool IsText(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan().Contains((byte)0))
        {
            return false;
        }

        try
        {
            _ = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(bytes);
            return true;
        }
        catch (System.Text.DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// Extracts by hand rather than with ExtractToDirectory: every entry's path is checked to stay inside the target,
    /// links are refused, and sizes are counted as bytes arrive, so a crafted archive can neither escape nor explode.
    /// </summary>
    private static string Extract(string argument, string archive, string workFolder)
    {
        var target = FreshFolder(workFolder);
        try
        {
            using var zip = ZipFile.OpenRead(archive);
            if (zip.Entries.Count > SubmissionLimits.MaxFiles)
            {
                throw Refused(argument, $"the archive holds {zip.Entries.Count} entries; at most {SubmissionLimits.MaxFiles} are accepted");
            }

            long written = 0;
            var root = target + Path.DirectorySeparatorChar;
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName.Replace('\\', '/');
                if (name.Length == 0 || name.StartsWith('/') || name.Contains('\0') || Regex.IsMatch(name, "^[A-Za-z]:")
                    || name.Split('/').Any(part => part == ".."))
                {
                    throw Refused(argument, $"the archive entry '{name}' points outside the submission");
                }

                if (((entry.ExternalAttributes >> 16) & 0xF000) == ZipSymlinkType)
                {
                    throw Refused(argument, $"the archive entry '{name}' is a symbolic link; submissions must hold plain files only");
                }

                var destination = Path.GetFullPath(Path.Combine(target, name));
                if (!destination.StartsWith(root, StringComparison.Ordinal))
                {
                    throw Refused(argument, $"the archive entry '{name}' points outside the submission");
                }

                if (name.EndsWith('/'))
                {
                    Directory.CreateDirectory(destination);
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                using var input = entry.Open();
                using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write);
                var buffer = new byte[81920];
                int read;
                while ((read = input.Read(buffer)) > 0)
                {
                    written += read;
                    if (written > SubmissionLimits.MaxBytes)
                    {
                        throw Refused(argument, $"the archive unpacks to more than {SubmissionLimits.MaxBytes / (1024 * 1024)} MiB");
                    }

                    output.Write(buffer, 0, read);
                }
            }
        }
        catch (InvalidDataException corrupt)
        {
            throw Refused(argument, $"not a readable .zip archive ({corrupt.Message})");
        }
        catch (IOException duplicate) when (duplicate is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw Refused(argument, $"the archive could not be unpacked ({duplicate.Message})");
        }

        return target;
    }

    private static string Clone(string argument, string source, string workFolder)
    {
        var target = FreshFolder(workFolder);
        var startInfo = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // Links become plain files holding their target (core.symlinks=false): a clone can never point outside itself.
        foreach (var part in (string[])["-c", "core.symlinks=false", "-c", "advice.detachedHead=false", "clone", "--quiet", "--depth", "1", "--no-tags", "--", source, target])
        {
            startInfo.ArgumentList.Add(part);
        }

        startInfo.Environment["GIT_TERMINAL_PROMPT"] = "0";
        startInfo.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        startInfo.Environment["GIT_LFS_SKIP_SMUDGE"] = "1";
        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw Refused(argument, "git could not be started");
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            throw Refused(argument, $"a git repository, but git could not be started ({missing.Message})");
        }

        using (process)
        {
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(SubmissionLimits.CloneTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw Refused(argument, $"git clone did not finish within {SubmissionLimits.CloneTimeout.TotalMinutes:0} minutes");
            }

            if (process.ExitCode != 0)
            {
                var reason = stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"exit code {process.ExitCode}";
                throw Refused(argument, $"git clone failed: {reason}");
            }
        }

        return target;
    }

    private static string FreshFolder(string workFolder)
    {
        var target = Path.Combine(Path.GetFullPath(workFolder), "submission");
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.CreateDirectory(target);
        return target;
    }

    private static bool IsZip(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.Read(magic) == 4 && magic[0] == (byte)'P' && magic[1] == (byte)'K' && magic[2] == 3 && magic[3] == 4;
    }

    private static bool IsBareRepository(string folder) =>
        !Directory.Exists(Path.Combine(folder, ".git")) && !Directory.Exists(Path.Combine(folder, "exercises"))
        && File.Exists(Path.Combine(folder, "HEAD")) && Directory.Exists(Path.Combine(folder, "objects")) && Directory.Exists(Path.Combine(folder, "refs"));

    private static bool LooksLikeRemote(string argument) => RemotePattern().IsMatch(argument);

    [GeneratedRegex(@"^(https?|ssh|git|file)://|^[\w.-]+@[\w.-]+:", RegexOptions.CultureInvariant)]
    private static partial Regex RemotePattern();

    private static UsageException Refused(string argument, string reason) => new($"submission {argument}: {reason}.");
}
