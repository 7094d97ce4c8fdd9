using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DistSys.Analyzers.Runner;

/// <summary>Renders an <see cref="AnalysisResult"/> as text, JSON or SARIF 2.1.0. Output is culture-invariant, uses
/// <c>\n</c> line endings and depends only on the result, so the same code always gives the same report.</summary>
public static class AnalysisFormatter
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, NewLine = "\n" };

    /// <summary>One line per item, MSBuild style: <c>file(line,col): warning DSxxx: message</c>; compiler errors as
    /// <c>file(line,col): error CSxxxx: message</c>.</summary>
    public static string Text(AnalysisResult result)
    {
        var text = new StringBuilder();
        foreach (var error in result.CompilerErrors)
        {
            text.Append(CultureInfo.InvariantCulture, $"{error.Path}({error.Line},{error.Column}): error {error.Id}: {error.Message}\n");
        }
        foreach (var finding in result.Findings)
        {
            text.Append(CultureInfo.InvariantCulture, $"{finding.Path}({finding.Line},{finding.Column}): {finding.Severity} {finding.Id}: {finding.Message}\n");
        }
        return text.ToString();
    }

    /// <summary><c>{"findings":[{"id","path","line","column","severity","message","help"}],"compilerErrors":[...]}</c>.</summary>
    public static string Json(AnalysisResult result) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("findings");
        foreach (var finding in result.Findings)
        {
            writer.WriteStartObject();
            writer.WriteString("id", finding.Id);
            writer.WriteString("path", finding.Path);
            writer.WriteNumber("line", finding.Line);
            writer.WriteNumber("column", finding.Column);
            writer.WriteString("severity", finding.Severity);
            writer.WriteString("message", finding.Message);
            writer.WriteString("help", finding.Help);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("compilerErrors");
        foreach (var error in result.CompilerErrors)
        {
            writer.WriteStartObject();
            writer.WriteString("id", error.Id);
            writer.WriteString("path", error.Path);
            writer.WriteNumber("line", error.Line);
            writer.WriteNumber("column", error.Column);
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>A SARIF 2.1.0 log with one run: every DS rule in the driver, one result per finding, and compiler errors
    /// as tool execution notifications.</summary>
    public static string Sarif(AnalysisResult result) => Write(writer =>
    {
        var rules = AnalysisRunner.Rules;
        writer.WriteStartObject();
        writer.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        writer.WriteString("version", "2.1.0");
        writer.WriteStartArray("runs");
        writer.WriteStartObject();

        writer.WriteStartObject("tool");
        writer.WriteStartObject("driver");
        writer.WriteString("name", "DistSys.Analyzers");
        writer.WriteString("informationUri", "https://github.com/distsys-kit/distsys-kit/blob/main/analyzers/README.md");
        writer.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            writer.WriteStartObject();
            writer.WriteString("id", rule.Id);
            writer.WriteString("name", rule.Title.ToString(CultureInfo.InvariantCulture));
            writer.WriteStartObject("shortDescription");
            writer.WriteString("text", rule.Title.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WriteStartObject("fullDescription");
            writer.WriteString("text", rule.Description.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WriteString("helpUri", rule.HelpLinkUri);
            writer.WriteStartObject("defaultConfiguration");
            writer.WriteString("level", "warning");
            writer.WriteEndObject();
            writer.WriteStartObject("properties");
            writer.WriteString("category", rule.Category);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteStartArray("invocations");
        writer.WriteStartObject();
        writer.WriteBoolean("executionSuccessful", true);
        writer.WriteStartArray("toolExecutionNotifications");
        foreach (var error in result.CompilerErrors)
        {
            writer.WriteStartObject();
            writer.WriteString("level", "error");
            writer.WriteStartObject("message");
            writer.WriteString("text", $"{error.Id}: {error.Message}");
            writer.WriteEndObject();
            if (error.Path.Length > 0)
            {
                writer.WriteStartArray("locations");
                WriteLocation(writer, error.Path, error.Line, error.Column);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();

        writer.WriteStartArray("results");
        foreach (var finding in result.Findings)
        {
            writer.WriteStartObject();
            writer.WriteString("ruleId", finding.Id);
            var index = rules.Select(r => r.Id).ToList().IndexOf(finding.Id);
            if (index >= 0)
            {
                writer.WriteNumber("ruleIndex", index);
            }
            writer.WriteString("level", "warning");
            writer.WriteStartObject("message");
            writer.WriteString("text", finding.Message);
            writer.WriteEndObject();
            writer.WriteStartArray("locations");
            WriteLocation(writer, finding.Path, finding.Line, finding.Column);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private static void WriteLocation(Utf8JsonWriter writer, string path, int line, int column)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("physicalLocation");
        writer.WriteStartObject("artifactLocation");
        writer.WriteString("uri", Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal));
        writer.WriteEndObject();
        writer.WriteStartObject("region");
        writer.WriteNumber("startLine", line);
        writer.WriteNumber("startColumn", column);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Indented))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
