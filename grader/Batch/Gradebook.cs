using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistSys.Grader.Kit;
using DistSys.Grader.Reporting;

namespace DistSys.Grader.Batch;

/// <summary>How one student's submission ended in a batch.</summary>
internal static class BatchStatus
{
    /// <summary>Graded; the report holds the scores.</summary>
    public const string Graded = "graded";

    /// <summary>The submission was refused (not a kit, empty, links, ...): scored 0, never retried.</summary>
    public const string Invalid = "invalid";

    /// <summary>The grader itself failed or timed out on it: retried when the batch runs again.</summary>
    public const string Failed = "failed";

    /// <summary>Part of the class but not graded yet (a batch that was stopped).</summary>
    public const string Missing = "not graded";
}

/// <summary>
/// The batch's output folder: <c>reports/&lt;student&gt;.json</c> per finished submission (the grader's own JSON report,
/// or <c>{"status":"invalid","message":…}</c> for a refused one), <c>reports/&lt;student&gt;.failed.txt</c> for a grader
/// failure, <c>batch.json</c> (which class and shard), and <c>gradebook.csv</c>, which is always derived from the
/// reports alone, so a batch, a resumed batch and a merge of shards write it the same way.
/// </summary>
internal sealed class BatchFolder(string root)
{
    public const string ManifestName = "batch.json";
    public const string GradebookName = "gradebook.csv";

    public string Root { get; } = Path.GetFullPath(root);

    public string Reports => Path.Combine(Root, "reports");

    public string ReportPath(string student) => Path.Combine(Reports, student + ".json");

    public string FailurePath(string student) => Path.Combine(Reports, student + ".failed.txt");

    public string ManifestPath => Path.Combine(Root, ManifestName);

    public string GradebookPath => Path.Combine(Root, GradebookName);

    /// <summary>A submission is finished when its report exists: reports are written whole (renamed into place), so a batch killed mid-write leaves none.</summary>
    public bool IsFinished(string student) => File.Exists(ReportPath(student));

    public void WriteManifest(BatchManifest manifest) =>
        AtomicFile.Write(ManifestPath, JsonSerializer.Serialize(manifest, ReportJson.Options));

    public BatchManifest? ReadManifest() =>
        File.Exists(ManifestPath) ? JsonSerializer.Deserialize<BatchManifest>(File.ReadAllText(ManifestPath), ReportJson.Options) : null;

    public void WriteInvalid(string student, string message) =>
        AtomicFile.Write(ReportPath(student), new JsonObject { ["status"] = BatchStatus.Invalid, ["message"] = message }.ToJsonString(ReportJson.Options) + "\n");

    /// <summary>Writes gradebook.csv for <paramref name="students"/> from the reports present now.</summary>
    public void WriteGradebook(IReadOnlyList<string> students)
    {
        var rows = students.Order(StringComparer.Ordinal).Select(ReadRow).ToList();
        var slugs = rows.SelectMany(row => row.Scores.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var csv = new StringBuilder();
        csv.Append(string.Join(',', ["student", "status", .. slugs, "benchmarks", "total", "max_total", "message"])).Append('\n');
        foreach (var row in rows)
        {
            var cells = new List<string> { row.Student, row.Status };
            cells.AddRange(slugs.Select(slug => row.Scores.TryGetValue(slug, out var score) ? Number(score) : string.Empty));
            cells.Add(row.Benchmarks is { } bench ? Number(bench) : string.Empty);
            cells.Add(Number(row.Total));
            cells.Add(row.MaxTotal is { } max ? Number(max) : string.Empty);
            cells.Add(row.Message);
            csv.Append(string.Join(',', cells.Select(Cell))).Append('\n');
        }

        AtomicFile.Write(GradebookPath, csv.ToString());
    }

    private GradebookRow ReadRow(string student)
    {
        if (File.Exists(ReportPath(student)))
        {
            var report = JsonNode.Parse(File.ReadAllText(ReportPath(student)))!.AsObject();
            if (report["exercises"] is JsonArray exercises)
            {
                var scores = exercises.ToDictionary(
                    exercise => exercise!["slug"]!.GetValue<string>(),
                    exercise => exercise!["score"]!.GetValue<decimal>(),
                    StringComparer.Ordinal);
                var benchmarks = report["benchmarks"] is JsonArray bench && bench.Count > 0 ? bench.Sum(grade => grade!["score"]!.GetValue<decimal>()) : (decimal?)null;
                return new GradebookRow(student, BatchStatus.Graded, scores, benchmarks, report["score"]!.GetValue<decimal>(), report["max_score"]!.GetValue<decimal>(), string.Empty);
            }

            return new GradebookRow(student, BatchStatus.Invalid, new Dictionary<string, decimal>(), null, 0, null, report["message"]?.GetValue<string>() ?? string.Empty);
        }

        return File.Exists(FailurePath(student))
            ? new GradebookRow(student, BatchStatus.Failed, new Dictionary<string, decimal>(), null, 0, null, FirstLine(File.ReadAllText(FailurePath(student))))
            : new GradebookRow(student, BatchStatus.Missing, new Dictionary<string, decimal>(), null, 0, null, string.Empty);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// RFC 4180 quoting, and a leading apostrophe for cells a spreadsheet would run as a formula (student ids and
    /// messages come from submissions, so "=HYPERLINK(...)" must stay text).
    /// </summary>
    private static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private sealed record GradebookRow(string Student, string Status, IReadOnlyDictionary<string, decimal> Scores, decimal? Benchmarks, decimal Total, decimal? MaxTotal, string Message);
}

/// <summary>What a batch folder holds: the whole class (sorted student ids), the shard graded here and the kit used.</summary>
internal sealed record BatchManifest(string Kit, string Shard, IReadOnlyList<string> Class, IReadOnlyList<string> Students);
