using System.CommandLine;
using System.Globalization;
using System.Text;
using DistSys.Analyzers.Runner;
using DistSys.Grader.Grading;
using DistSys.Grader.Kit;
using DistSys.Grader.Reporting;
using DistSys.Grader.Submissions;
using Spectre.Console;

namespace DistSys.Grader.Cli;

/// <summary>Exit codes of the grader.</summary>
internal static class ExitCodes
{
    /// <summary>Grading ran, whatever the score.</summary>
    public const int Graded = 0;

    /// <summary>The grader or the kit failed (build of shared code, rubric, unexpected error).</summary>
    public const int InternalFailure = 1;

    /// <summary>Unknown option, slug or value.</summary>
    public const int BadInput = 2;
}

/// <summary>The grader's command line: parsing, validation and the commands (grade, accept, analyze).</summary>
internal sealed partial class GraderCommandLine(TextWriter output, TextWriter error, string workingDirectory, bool outputRedirected = true)
{
    private static readonly IReadOnlyList<string> Formats = ReportFormats.Names;
    private static readonly string[] AnalysisFormats = ["text", "json", "sarif"];
    private const string AnalyzeUsage = "Usage: grader analyze PATH... [--format text|json|sarif] (PATH: a project folder, a folder of .cs files, or .cs files).";

    private readonly Option<string> target = new Option<string>("--target")
    {
        Description = "Compile the suites against the student stubs or the reference solutions.",
        DefaultValueFactory = _ => BuildTarget.Exercises.Name,
    }.AcceptOnlyFromAmong([.. BuildTarget.Names]);

    private readonly Option<string[]> exercise = new("--exercise")
    {
        Description = "Grade only this exercise (slug, e.g. crdts); repeatable. Default: all.",
        HelpName = "slug",
        Recursive = true,
    };

    private readonly Option<string[]> format = new("--format")
    {
        Description = "Report format, repeatable or comma-separated; the first goes to stdout (progress always goes to stderr), --out DIR writes them all: "
            + string.Join("; ", ReportFormats.All.Select(f => $"{f.Name} ({f.Description}) -> {f.FileName}")) + ".",
        DefaultValueFactory = _ => ["table"],
        HelpName = "format",
    };

    private readonly Option<string> analysisFormat = new Option<string>("--format")
    {
        Description = "text (file(line,col): warning DSxxx: message), json, or sarif (SARIF 2.1.0).",
        DefaultValueFactory = _ => "text",
    }.AcceptOnlyFromAmong(AnalysisFormats);

    private readonly Argument<string[]> analysisPaths = new("PATH")
    {
        Description = "Project folders, folders of loose .cs files, or .cs files; all are compiled together.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string?> outFolder = new("--out") { Description = "Also write report.json, report.txt and every requested format's file into this folder.", HelpName = "dir" };

    private readonly Option<string?> artifactsFolder = new("--artifacts")
    {
        Description = "Copy the timeline pages of failed simulation tests into this folder (default: DIR/artifacts with --out).",
        HelpName = "dir",
    };

    private readonly Option<string?> root = new("--root", "--kit") { Description = "The trusted kit folder (default: the nearest folder holding DistSys.sln).", HelpName = "dir", Recursive = true };

    private readonly Argument<string> submissionArgument = new("SUBMISSION")
    {
        Description = "The student's work: a folder laid out like the kit, a .zip of one, or a git repository (URL or bare repository).",
    };

    private readonly Option<string?> workFolder = new("--work")
    {
        Description = "Scratch folder for unpacked submissions and student trees (grade: default the kit's .grader/; batch: default OUT/work). Give concurrent runs different folders.",
        HelpName = "dir",
    };

    private readonly Option<string?> submission = new("--submission")
    {
        Description = "Grade the exercise sources of this submission (folder, .zip or git repository) inside the trusted kit (default: the kit itself). Only exercises/<slug>/*.cs outside Given/ are taken from it; every other file comes from the kit. Same as the grade command.",
        HelpName = "dir",
    };

    private readonly Option<bool> noBench = new("--no-bench") { Description = "Skip the benchmark stage." };

    private readonly Option<double?> testTimeout = new("--test-timeout")
    {
        Description = "Per-test wall-clock limit in seconds, for every exercise (default: from grader/rubric.yaml).",
        HelpName = "seconds",
        Recursive = true,
    };

    /// <summary>Reads the environment (GITHUB_STEP_SUMMARY); tests replace it.</summary>
    internal Func<string, string?> EnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    public async Task<int> RunAsync(string[] args)
    {
        var parsed = BuildCommand().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"grader: {parseError.Message}").ConfigureAwait(false);
            }

            var command = parsed.CommandResult.Command;
            var values = command is RootCommand
                ? $" Valid --target values: {string.Join(", ", BuildTarget.Names)}; --format: {string.Join(", ", Formats)}."
                : string.Empty;
            await error.WriteLineAsync($"Valid options: {ValidOptions(command)}.{values} See --help.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (UsageException usage)
        {
            await error.WriteLineAsync($"grader: {usage.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (KitException kit)
        {
            await error.WriteLineAsync($"grader: {kit.Message}").ConfigureAwait(false);
            foreach (var detail in kit.Details)
            {
                await error.WriteLineAsync($"  {detail}").ConfigureAwait(false);
            }

            return ExitCodes.InternalFailure;
        }
    }

    /// <summary>What parsing <paramref name="args"/> would complain about, without running anything (checks command lines in templates).</summary>
    internal IReadOnlyList<string> ParseErrors(string[] args) => [.. BuildCommand().Parse(args).Errors.Select(parseError => parseError.Message)];

    private RootCommand BuildCommand()
    {
        var rootCommand = new RootCommand("Grades the DistSys Kit exercises: builds each suite, runs it, and scores it by grader/rubric.yaml.")
        {
            target, exercise, format, outFolder, artifactsFolder, root, submission, testTimeout, noBench,
        };
        rootCommand.SetAction((parse, _) => GradeAsync(parse, parse.GetValue(submission)));

        var grade = new Command("grade", "Grade a student's submission inside a pristine copy of the trusted kit (--kit, default: this kit).")
        {
            submissionArgument, format, outFolder, artifactsFolder, workFolder, noBench,
        };
        grade.SetAction((parse, _) => GradeAsync(parse, parse.GetValue(submissionArgument)));
        rootCommand.Add(grade);
        AddBatchCommands(rootCommand);

        var accept = new Command("accept", "Run the suites against the reference solutions with DISTSYS_ACCEPT=1 and list the snapshot files that changed.");
        accept.SetAction((parse, _) => AcceptAsync(parse));
        rootCommand.Add(accept);

        var analyze = new Command("analyze", "Run the DS analyzers over C# source and print the findings (exit 0 whether or not there are any).")
        {
            analysisPaths, analysisFormat,
        };
        analyze.SetAction((parse, _) => AnalyzeAsync(parse));
        rootCommand.Add(analyze);

        var calibrate = new Command("calibrate-benchmarks", "Measure the reference solutions against the calibration benchmark and rewrite grader/Benchmarks/reference-ratios.json (used by kits shipped without solutions/).");
        calibrate.SetAction((parse, _) => CalibrateBenchmarksAsync(parse));
        rootCommand.Add(calibrate);
        rootCommand.Add(RepeatBenchmarksCommand.Create(this, exercise, output));
        rootCommand.Add(ReleaseCommand.Create(root, output, workingDirectory, new Progress(error)));

        rootCommand.Add(CompareCommand.Create(this, output));

        format.Validators.Add(result =>
        {
            var unknown = ReportFormats.Split(result.Tokens.Select(token => token.Value)).Where(name => !Formats.Contains(name, StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0)
            {
                result.AddError(ReportFormats.UnknownMessage(unknown));
            }
        });
        testTimeout.Validators.Add(result =>
        {
            // Only judges numbers; a value that is not a number already gets the parser's own error.
            var seconds = result.Tokens.Count == 1 && double.TryParse(result.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : (double?)null;
            if (seconds is <= 0 or > 3600)
            {
                result.AddError("--test-timeout must be a number of seconds between 0 and 3600.");
            }
        });
        return rootCommand;
    }

    private async Task<int> GradeAsync(ParseResult parse, string? submitted)
    {
        var (kit, session) = Open(parse);
        var formats = ReportFormats.Parse(parse.GetValue(format) ?? []);
        // Checked before grading: finding an unwritable --out after ten minutes of grading helps nobody.
        var reportFolder = parse.GetValue(outFolder) is { } folder ? ReportFolder(folder) : null;
        var work = parse.GetValue(workFolder) is { } workPath ? Path.GetFullPath(workPath, workingDirectory) : null;
        var opened = submitted is null
            ? null
            : SubmissionOpener.Open(submitted, workingDirectory, work ?? kit.WorkFolder, kit.DiscoverExercises().Select(e => e.Slug).ToList());
        var report = await session.GradeAsync(new GradingRequest(
            parse.GetValue(target) is { } targetName ? BuildTarget.Parse(targetName) : BuildTarget.Exercises,
            parse.GetValue(exercise) ?? [],
            Timeout(parse),
            new Dictionary<string, string?>(),
            Benchmarks: !parse.GetValue(noBench),
            Submission: opened?.Folder,
            Work: work)).ConfigureAwait(false);

        // Every process of the run is gone by now (each sandbox kills its own before the session returns), so nothing
        // the student's code left running can touch the report; each file appears whole or not at all.
        var artifactsTarget = parse.GetValue(artifactsFolder) is { } artifactsPath
            ? Path.GetFullPath(artifactsPath, workingDirectory)
            : reportFolder is not null ? Path.Combine(reportFolder, "artifacts") : null;
        var artifacts = Artifacts.Collect(report, report.ArtifactsRoot, artifactsTarget);
        if (reportFolder is not null)
        {
            foreach (var written in new[] { ReportFormats.Json, ReportFormats.Table }.Concat(formats).Distinct())
            {
                AtomicFile.Write(Path.Combine(reportFolder, written.FileName), written.Render(report, artifacts));
            }

            if (formats.Contains(ReportFormats.GitHub))
            {
                AtomicFile.Write(Path.Combine(reportFolder, ReportFormats.GitHubSummaryFile), MarkdownReport.Render(report));
            }
        }

        if (formats.Contains(ReportFormats.GitHub) && EnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
        {
            // The runner collects what the steps append to this file; other steps may have written to it already.
            await File.AppendAllTextAsync(Path.GetFullPath(summary, workingDirectory), MarkdownReport.Render(report), new UTF8Encoding(false)).ConfigureAwait(false);
        }

        if (formats[0] == ReportFormats.Table)
        {
            TableReport.Write(Console(output), report);
        }
        else
        {
            await output.WriteAsync(formats[0].Render(report, artifacts)).ConfigureAwait(false);
        }

        return ExitCodes.Graded;
    }

    private async Task<int> AnalyzeAsync(ParseResult parse)
    {
        var paths = parse.GetValue(analysisPaths) ?? [];
        if (paths.Length == 0)
        {
            throw new UsageException($"analyze needs at least one PATH. {AnalyzeUsage}");
        }

        AnalysisResult result;
        try
        {
            result = await AnalysisRunner.AnalyzeAsync(paths.Select(path => Path.GetFullPath(path, workingDirectory))).ConfigureAwait(false);
        }
        catch (AnalysisInputException unreadable)
        {
            throw new UsageException(unreadable.Message);
        }

        var report = parse.GetValue(analysisFormat) switch
        {
            "json" => AnalysisFormatter.Json(result),
            "sarif" => AnalysisFormatter.Sarif(result),
            _ => AnalysisFormatter.Text(result),
        };
        await output.WriteAsync(report).ConfigureAwait(false);
        return ExitCodes.Graded;
    }

    private async Task<int> AcceptAsync(ParseResult parse)
    {
        var (kit, session) = Open(parse);
        var (report, changes) = await new SnapshotAcceptance(kit, session).AcceptAsync(parse.GetValue(exercise) ?? [], Timeout(parse)).ConfigureAwait(false);
        TableReport.Write(Console(output), report);
        await output.WriteLineAsync(changes.Count == 0 ? "\nNo snapshot changed." : $"\n{changes.Count} snapshot file(s) changed (review with git diff):").ConfigureAwait(false);
        foreach (var change in changes)
        {
            await output.WriteLineAsync($"  {change.Kind,-8} {change.Path}").ConfigureAwait(false);
        }

        return ExitCodes.Graded;
    }

    private async Task<int> CalibrateBenchmarksAsync(ParseResult parse)
    {
        var kit = KitLayout.Locate(parse.GetValue(root), workingDirectory);
        var rubric = Rubric.Load(kit.RubricPath);
        var exercises = kit.DiscoverExercises().Where(e => e.HasSuite && rubric.Benchmarks.Exercises.Contains(e.Slug)).ToList();
        var stage = new DistSys.Grader.Benchmarks.BenchmarkStage(kit, kit, rubric.Benchmarks, new Progress(error));
        await stage.RecordReferenceRatiosAsync(exercises).ConfigureAwait(false);
        await output.WriteLineAsync($"Wrote {kit.Relative(stage.ReferenceRatiosPath)} for {string.Join(", ", exercises.Select(e => e.Slug))}.").ConfigureAwait(false);
        return ExitCodes.Graded;
    }

    internal (KitLayout Kit, GradingSession Session) Open(ParseResult parse)
    {
        var kit = KitLayout.Locate(parse.GetValue(root), workingDirectory);
        var rubric = Rubric.Load(kit.RubricPath);
        var known = kit.DiscoverExercises().Select(exercise => exercise.Slug).ToHashSet(StringComparer.Ordinal);
        var strays = rubric.OverriddenSlugs.Where(slug => !known.Contains(slug)).Order(StringComparer.Ordinal).ToList();
        if (strays.Count > 0)
        {
            throw new KitException($"{kit.Relative(kit.RubricPath)} has settings for {string.Join(", ", strays)}, which is not a folder under exercises/.");
        }

        GradingSession.Select(kit.DiscoverExercises(), parse.GetValue(exercise) ?? []);
        var progress = new Progress(error);
        return (kit, new GradingSession(kit, rubric, progress));
    }

    private string ReportFolder(string folder)
    {
        var full = Path.GetFullPath(folder, workingDirectory);
        try
        {
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".grader-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return full;
        }
        catch (Exception unwritable) when (unwritable is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out {folder}: cannot write there ({unwritable.Message}).");
        }
    }

    /// <summary>A submission argument (folder, .zip or git repository) opened as <c>grade</c> opens it.</summary>
    internal OpenedSubmission OpenSubmission(string submitted, KitLayout kit) =>
        SubmissionOpener.Open(submitted, workingDirectory, kit.WorkFolder, kit.DiscoverExercises().Select(e => e.Slug).ToList());

    internal string[] Exercises(ParseResult parse) => parse.GetValue(exercise) ?? [];

    internal TimeSpan? Timeout(ParseResult parse) =>
        parse.GetValue(testTimeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    private IAnsiConsole Console(TextWriter writer) =>
        TableReport.ConsoleFor(writer, redirected: outputRedirected);

    private static string ValidOptions(Command command) =>
        string.Join(", ", command.Options
            .Concat(command.Parents.OfType<Command>().SelectMany(parent => parent.Options.Where(option => option.Recursive)))
            .Select(option => option.Name)
            .Distinct()
            .Concat(command.Subcommands.Select(subcommand => subcommand.Name))
            .Where(name => !name.StartsWith("-?", StringComparison.Ordinal)));

    /// <summary>Progress lines go to stderr, immediately, so stdout carries only the report.</summary>
    private sealed class Progress(TextWriter error) : IProgress<string>
    {
        private readonly Lock gate = new();

        public void Report(string value)
        {
            lock (gate)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"grader: {value}"));
                error.Flush();
            }
        }
    }
}
