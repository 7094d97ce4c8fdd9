using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DistSys.Grader.Grading;

namespace DistSys.Grader.Reporting;

/// <summary>
/// GitHub Actions workflow commands: an <c>::error</c> annotation for every failed test (at the test's source line in
/// the kit, or the line of a stack frame in the suite's file when the message has one), every compile error and every DS
/// analyzer finding (at its file and line), then a <c>::notice</c> with the score. Paths are relative to the submission
/// root, as GitHub expects for a checkout. A concealed hidden test gets an annotation with no file, a neutral title and
/// no message. The Markdown summary for <c>$GITHUB_STEP_SUMMARY</c> is <see cref="MarkdownReport"/>.
/// Escaping follows GitHub's workflow-command rules: in the message <c>%</c>, CR and LF become <c>%25</c>, <c>%0D</c>,
/// <c>%0A</c>; property values (file, title) additionally escape <c>:</c> and <c>,</c> as <c>%3A</c> and <c>%2C</c>.
/// </summary>
internal static partial class GitHubReport
{
    private const int MessageLength = 2000;

    public static string Render(GradeReport report) => Render(StudentView.Of(report));

    public static string Render(StudentView view)
    {
        var text = new StringBuilder();
        foreach (var exercise in view.Exercises)
        {
            foreach (var error in exercise.Errors)
            {
                Annotation(text, "error", error.Line is null ? null : error.File, error.Line, error.Column,
                    $"{exercise.Slug}: {error.Code}", error.Message);
            }

            if (exercise.NeverRan && exercise.Errors.Count == 0 && exercise.Message is not null)
            {
                Annotation(text, "error", null, null, null, $"{exercise.Slug}: not graded", exercise.Message);
            }

            foreach (var test in exercise.Tests.Where(test => !test.Passed))
            {
                if (test.Concealed)
                {
                    Annotation(text, "error", null, null, null, $"{exercise.Slug}: {test.Name} {test.Status}",
                        "A hidden test failed; its name and message are shown once your instructor reveals hidden tests.");
                    continue;
                }

                var location = FromStack(exercise.Slug, test.Message) ?? test.Source;
                Annotation(text, "error", location?.Path, location?.Line, null, $"{exercise.Slug}: {test.ShortName(exercise.Slug)}", test.Message ?? test.Status);
            }

            foreach (var finding in exercise.Findings)
            {
                Annotation(text, "error", finding.Path, finding.Line, finding.Column, $"{exercise.Slug}: {finding.Id}",
                    $"{finding.Message} (-{exercise.AnalyzerDeduction.ToString("0.##", CultureInfo.InvariantCulture)} points for {exercise.Findings.Count} finding(s); {finding.Help})");
            }
        }

        var summary = string.Join(", ", view.Exercises.Where(e => e.Status != ExerciseStatus.Unavailable)
            .Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Slug} {e.Score:0.##}/{e.MaxScore:0.##}")));
        Annotation(text, "notice", null, null, null, string.Create(CultureInfo.InvariantCulture, $"Grade {view.Score:0.##}/{view.MaxScore:0.##}"),
            summary.Length == 0 ? "no exercise was graded" : summary);
        return text.ToString();
    }

    /// <summary>The message part of a workflow command.</summary>
    public static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>A property value (file, title): also no ':' (ends the properties) and no ',' (separates them).</summary>
    public static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary>
    /// The first stack frame (<c>in /any/path/tests/&lt;slug&gt;/File.cs:line 42</c>) in the suite's own files, made
    /// relative to the kit, or null. The grading tree's absolute prefix is dropped: only what follows <c>tests/&lt;slug&gt;/</c> counts.
    /// </summary>
    internal static SourceLocation? FromStack(string slug, string? message)
    {
        if (message is null)
        {
            return null;
        }

        foreach (Match frame in StackFrame().Matches(message))
        {
            var path = frame.Groups["path"].Value.Replace('\\', '/');
            var marker = "/tests/" + slug + "/";
            var index = path.LastIndexOf(marker, StringComparison.Ordinal);
            if (index >= 0 && !StudentView.InHiddenFolder(path) && int.TryParse(frame.Groups["line"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var line))
            {
                return new SourceLocation(path[(index + 1)..], line);
            }
        }

        return null;
    }

    private static void Annotation(StringBuilder text, string command, string? file, int? line, int? column, string title, string message)
    {
        text.Append("::").Append(command);
        var properties = new List<string>();
        if (file is not null)
        {
            properties.Add("file=" + EscapeProperty(file));
            if (line is { } l)
            {
                properties.Add(string.Create(CultureInfo.InvariantCulture, $"line={l}"));
                if (column is { } c)
                {
                    properties.Add(string.Create(CultureInfo.InvariantCulture, $"col={c}"));
                }
            }
        }

        properties.Add("title=" + EscapeProperty(title));
        text.Append(' ').Append(string.Join(",", properties));
        var body = message.Trim();
        text.Append("::").Append(EscapeData(body.Length <= MessageLength ? body : body[..MessageLength] + "…")).Append('\n');
    }

    [GeneratedRegex(@" in (?<path>[^\r\n]+?\.cs):line (?<line>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex StackFrame();
}
