using System.Globalization;
using System.Text.RegularExpressions;

namespace DistSys.Grader.Building;

/// <summary>One error line of a build, e.g. <c>exercises/crdts/GCounter.cs(3,5): error CS1002: ; expected</c>.</summary>
/// <param name="File">The file (or tool, like <c>CSC</c> or a project path) the error is reported against, relative to the kit root when inside it.</param>
/// <param name="Project">The project that reported it, relative to the kit root; null when msbuild did not say.</param>
internal sealed record CompilerError(string File, int? Line, int? Column, string Code, string Message, string? Project)
{
    /// <summary>The error as a compiler would print it, with the path relative to the kit root.</summary>
    public string Text => Line is null
        ? $"{File} : error {Code}: {Message}"
        : string.Create(CultureInfo.InvariantCulture, $"{File}({Line},{Column}): error {Code}: {Message}");
}

/// <summary>Finds the error lines in msbuild's console output.</summary>
internal static partial class BuildOutputParser
{
    /// <summary>The distinct errors in <paramref name="lines"/>, in order of first appearance.</summary>
    /// <param name="relative">Turns an absolute path into the form used in reports.</param>
    public static IReadOnlyList<CompilerError> Parse(IEnumerable<string> lines, Func<string, string> relative)
    {
        var errors = new List<CompilerError>();
        var seen = new HashSet<CompilerError>();
        foreach (var line in lines)
        {
            var error = ParseLine(line, relative);
            if (error is not null && seen.Add(error))
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    public static CompilerError? ParseLine(string line, Func<string, string> relative)
    {
        var match = ErrorWithPosition().Match(line);
        if (!match.Success)
        {
            match = ErrorWithoutPosition().Match(line);
            if (!match.Success)
            {
                return null;
            }
        }

        var project = match.Groups["project"].Success ? match.Groups["project"].Value : null;
        if (project is not null)
        {
            // msbuild appends the global properties that differ, e.g. "[/kit/a.csproj::TargetFramework=net10.0]".
            var separator = project.IndexOf("::", StringComparison.Ordinal);
            project = relative(separator >= 0 ? project[..separator] : project);
        }

        var file = match.Groups["file"].Value.Trim();
        return new CompilerError(
            Path.IsPathRooted(file) ? relative(file) : file,
            match.Groups["line"].Success ? int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture) : null,
            match.Groups["column"].Success ? int.Parse(match.Groups["column"].Value, CultureInfo.InvariantCulture) : null,
            match.Groups["code"].Value,
            match.Groups["message"].Value.Trim(),
            project);
    }

    [GeneratedRegex(@"^\s*(?<file>[^\s(][^(]*?)\((?<line>\d+),(?<column>\d+)(?:,\d+,\d+)?\)\s*:\s*error\s+(?<code>[A-Za-z][A-Za-z0-9]*\d+)\s*:\s*(?<message>.*?)(?:\s+\[(?<project>[^\]]+)\])?\s*$")]
    private static partial Regex ErrorWithPosition();

    [GeneratedRegex(@"^\s*(?<file>[^\s:][^:]*?)\s*:\s*error\s+(?<code>[A-Za-z][A-Za-z0-9]*\d+)\s*:\s*(?<message>.*?)(?:\s+\[(?<project>[^\]]+)\])?\s*$")]
    private static partial Regex ErrorWithoutPosition();
}
