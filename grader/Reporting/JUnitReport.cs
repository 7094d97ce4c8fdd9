using System.Globalization;
using System.Text;
using System.Xml;
using DistSys.Grader.Grading;

namespace DistSys.Grader.Reporting;

/// <summary>
/// JUnit XML as Jenkins, GitLab and most CI dashboards read it (the Ant/Surefire shape): one <c>testsuite</c> per
/// graded exercise, one <c>testcase</c> per test, <c>failure</c> with the message, <c>system-out</c> with what the test
/// printed; an exercise that never ran is one <c>testcase</c> named "build" with an <c>error</c>. Rendered from
/// <see cref="StudentView"/>, so a concealed hidden test is "hidden test 2 of 3" with no message. Checked against
/// tests/grader/Schemas/junit.xsd.
/// </summary>
internal static class JUnitReport
{
    public static string Render(GradeReport report) => Render(StudentView.Of(report));

    public static string Render(StudentView view)
    {
        var exercises = view.Exercises.Where(exercise => exercise.Status != ExerciseStatus.Unavailable).ToList();
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        using (var writer = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("testsuites");
            writer.WriteAttributeString("name", "DistSys Kit (" + view.Target + ")");
            writer.WriteAttributeString("tests", Count(exercises.Sum(CasesOf)));
            writer.WriteAttributeString("failures", Count(exercises.Sum(e => e.Tests.Count(t => IsFailure(t.Status)))));
            writer.WriteAttributeString("errors", Count(exercises.Count(e => e.NeverRan)));
            // The tests' own time, like each suite's; the grader's build time is in the other reports' timing.
            writer.WriteAttributeString("time", Seconds(exercises.Sum(e => e.Tests.Sum(t => t.DurationMs ?? 0)) / 1000.0));
            foreach (var exercise in exercises)
            {
                WriteSuite(writer, exercise);
            }

            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        // XmlWriter over a StringWriter declares utf-16; the file is written as UTF-8.
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal) + "\n";
    }

    private static void WriteSuite(XmlWriter writer, VisibleExercise exercise)
    {
        writer.WriteStartElement("testsuite");
        writer.WriteAttributeString("name", exercise.Slug);
        writer.WriteAttributeString("tests", Count(CasesOf(exercise)));
        writer.WriteAttributeString("failures", Count(exercise.Tests.Count(t => IsFailure(t.Status))));
        writer.WriteAttributeString("errors", Count(exercise.NeverRan ? 1 : 0));
        writer.WriteAttributeString("skipped", Count(exercise.Tests.Count(t => t.Status == HostProtocol.Skipped)));
        writer.WriteAttributeString("time", Seconds(exercise.Tests.Sum(t => t.DurationMs ?? 0) / 1000.0));
        writer.WriteStartElement("properties");
        Property(writer, "score", exercise.Score.ToString("0.##", CultureInfo.InvariantCulture));
        Property(writer, "max_score", exercise.MaxScore.ToString("0.##", CultureInfo.InvariantCulture));
        Property(writer, "status", exercise.Status);
        if (exercise.Findings.Count > 0)
        {
            Property(writer, "analyzer_findings", Count(exercise.Findings.Count));
            Property(writer, "analyzer_deduction", exercise.AnalyzerDeduction.ToString("0.##", CultureInfo.InvariantCulture));
        }

        writer.WriteEndElement();
        if (exercise.NeverRan)
        {
            writer.WriteStartElement("testcase");
            writer.WriteAttributeString("name", "build");
            writer.WriteAttributeString("classname", exercise.Slug);
            writer.WriteStartElement("error");
            writer.WriteAttributeString("message", Clean(FirstLine(exercise.Message ?? "did not run")));
            writer.WriteAttributeString("type", "build");
            writer.WriteString(Clean(string.Join("\n", new[] { exercise.Message ?? string.Empty }.Concat(exercise.Errors.Select(e => e.Text))).Trim()));
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        foreach (var test in exercise.Tests)
        {
            writer.WriteStartElement("testcase");
            var (classname, name) = Split(exercise.Slug, test);
            writer.WriteAttributeString("name", Clean(name));
            writer.WriteAttributeString("classname", Clean(classname));
            writer.WriteAttributeString("time", Seconds((test.DurationMs ?? 0) / 1000.0));
            if (test.Status == HostProtocol.Skipped)
            {
                writer.WriteStartElement("skipped");
                writer.WriteAttributeString("message", Clean(FirstLine(test.Message ?? "skipped")));
                writer.WriteEndElement();
            }
            else if (IsFailure(test.Status))
            {
                writer.WriteStartElement("failure");
                writer.WriteAttributeString("message", Clean(FirstLine(test.Message ?? (test.Concealed ? "a hidden test failed" : "failed"))));
                writer.WriteAttributeString("type", test.Concealed ? "hidden" : "assertion");
                if (test.Message is not null)
                {
                    writer.WriteString(Clean(test.Message));
                }

                writer.WriteEndElement();
            }

            if (!string.IsNullOrEmpty(test.Output))
            {
                writer.WriteElementString("system-out", Clean(test.Output));
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static int CasesOf(VisibleExercise exercise) => exercise.Tests.Count + (exercise.NeverRan ? 1 : 0);

    private static bool IsFailure(string status) => status is not (HostProtocol.Passed or HostProtocol.Skipped);

    /// <summary>"Ns.Fixture.Method(args)" → ("Ns.Fixture", "Method(args)"): CI dashboards group by class name.</summary>
    private static (string Classname, string Name) Split(string slug, VisibleTest test)
    {
        if (test.Concealed)
        {
            return (slug + ".hidden", test.Name);
        }

        var key = TestCatalog.MethodKeyOf(test.Name);
        var dot = key.LastIndexOf('.');
        if (dot <= 0)
        {
            return (slug, test.Name);
        }

        var fixture = key[..dot];
        var method = key[(dot + 1)..];
        var start = test.Name.IndexOf("." + method, fixture.Length, StringComparison.Ordinal);
        return start < 0 ? (slug, test.Name) : (test.Name[..start], test.Name[(start + 1)..]);
    }

    private static void Property(XmlWriter writer, string name, string value)
    {
        writer.WriteStartElement("property");
        writer.WriteAttributeString("name", name);
        writer.WriteAttributeString("value", value);
        writer.WriteEndElement();
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;

    /// <summary>XML 1.0 cannot carry most control characters (a test may print anything): they become U+FFFD.</summary>
    internal static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('\uFFFD');
            }
        }

        return builder.ToString();
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);
}
