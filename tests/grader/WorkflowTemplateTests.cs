using System.Text.RegularExpressions;
using DistSys.Grader.Cli;
using DistSys.Grader.Kit;
using YamlDotNet.RepresentationModel;

namespace DistSys.Grader.Tests;

/// <summary>
/// The GitHub Actions template for grading a class on shards (grader/templates/github-actions/grade-class.yml) is read
/// with a YAML parser: a matrix of shards 1..n, a batch step whose --shard names the same n, a merge job after all of
/// them, and grader command lines that the grader's own parser accepts.
/// </summary>
public class WorkflowTemplateTests
{
    private YamlMappingNode jobs = null!;

    [OneTimeSetUp]
    public void ReadTheTemplate()
    {
        var kit = KitLayout.Locate(null, TestContext.CurrentContext.TestDirectory);
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(kit.Root, "grader", "templates", "github-actions", "grade-class.yml"));
        stream.Load(reader);
        jobs = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["jobs"];
    }

    [Test]
    public void The_grade_job_runs_a_matrix_of_shards_numbered_1_to_n()
    {
        Assert.That(Shards(), Is.EqualTo(Enumerable.Range(1, Shards().Count)).And.Count.GreaterThan(1));
    }

    [Test]
    public void The_batch_step_grades_shard_i_of_as_many_shards_as_the_matrix_has()
    {
        var batch = GraderArguments("grade", "batch");

        Assert.That(batch, Does.Contain($"$SHARD/{Shards().Count}"), "the n of --shard i/n must equal the matrix size, or students are graded twice or never");
        Assert.That(batch, Does.Contain("--out"));
    }

    [Test]
    public void The_merge_job_waits_for_every_shard_and_merges_what_they_uploaded()
    {
        var merge = (YamlMappingNode)jobs["merge"];

        Assert.That(((YamlScalarNode)merge["needs"]).Value, Is.EqualTo("grade"));
        Assert.That(GraderArguments("merge", "merge"), Does.Contain("shards/grades-*"));
        Assert.That(Steps("grade").Any(step => Scalar(step, "uses")?.StartsWith("actions/upload-artifact", StringComparison.Ordinal) == true
            && ((YamlScalarNode)((YamlMappingNode)step["with"])["name"]).Value == "grades-${{ matrix.shard }}"), Is.True, "each shard uploads grades-<i>");
    }

    [TestCase("grade", "batch")]
    [TestCase("merge", "merge")]
    public void Every_grader_command_line_in_the_template_parses(string job, string command)
    {
        var arguments = GraderArguments(job, command)
            .Replace("\"$SUBMISSIONS\"", "submissions", StringComparison.Ordinal)
            .Replace("\"$SHARD/", "\"1/", StringComparison.Ordinal)
            .Replace("$SHARD", "1", StringComparison.Ordinal)
            .Replace("\"", string.Empty, StringComparison.Ordinal);

        var errors = new GraderCommandLine(TextWriter.Null, TextWriter.Null, ".").ParseErrors(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.That(errors, Is.Empty, $"grader {arguments}");
    }

    private List<int> Shards() =>
        [.. ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)jobs["grade"])["strategy"])["matrix"])["shard"])
            .Select(node => int.Parse(((YamlScalarNode)node).Value!, System.Globalization.CultureInfo.InvariantCulture))];

    private IEnumerable<YamlMappingNode> Steps(string job) =>
        ((YamlSequenceNode)((YamlMappingNode)jobs[job])["steps"]).Cast<YamlMappingNode>();

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    /// <summary>The arguments after <c>dotnet run --project grader --</c> in the job's step that runs <paramref name="command"/>, without a trailing comment.</summary>
    private string GraderArguments(string job, string command)
    {
        var line = Steps(job).Select(step => Scalar(step, "run")).OfType<string>()
            .SelectMany(run => run.Split('\n'))
            .Single(runLine => runLine.Contains($"dotnet run --project grader -- {command} ", StringComparison.Ordinal));
        var arguments = line[(line.IndexOf("-- ", StringComparison.Ordinal) + 3)..];
        return Regex.Replace(arguments, @"\s+#.*$", string.Empty).Trim();
    }
}
