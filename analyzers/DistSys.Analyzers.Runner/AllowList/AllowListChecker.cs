using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace DistSys.Analyzers.Runner.AllowList;

/// <summary>
/// Enforces the API allow-list (grader/allowed-apis.yaml) on a student's source files with the Roslyn semantic model.
/// The student's files compile together with the exercise's <c>Given/</c> files (context, not checked), the .NET
/// reference assemblies, the SDK's implicit usings and DistSys.Runtime, as in the exercise project. Every symbol the
/// student's code refers to must be allowed; a few language features are refused outright. The compiler's diagnostic
/// filtering is never used, so <c>#pragma</c>, <c>[SuppressMessage]</c>, GlobalSuppressions and .editorconfig have no
/// effect; code under <c>#if</c> is checked under both the Debug and the Release symbols.
/// </summary>
public static class AllowListChecker
{
    // The symbols `dotnet build` defines for net10.0, Debug and Release, so that `#if` cannot hide code from the check.
    private static readonly string[] FrameworkSymbols =
    [
        "TRACE", "NET", "NETCOREAPP", "NET10_0",
        "NETCOREAPP1_0_OR_GREATER", "NETCOREAPP1_1_OR_GREATER", "NETCOREAPP2_0_OR_GREATER", "NETCOREAPP2_1_OR_GREATER",
        "NETCOREAPP2_2_OR_GREATER", "NETCOREAPP3_0_OR_GREATER", "NETCOREAPP3_1_OR_GREATER", "NET5_0_OR_GREATER",
        "NET6_0_OR_GREATER", "NET7_0_OR_GREATER", "NET8_0_OR_GREATER", "NET9_0_OR_GREATER", "NET10_0_OR_GREATER",
    ];

    private static readonly CSharpParseOptions DebugOptions = new(LanguageVersion.Latest, preprocessorSymbols: ["DEBUG", .. FrameworkSymbols]);
    private static readonly CSharpParseOptions ReleaseOptions = new(LanguageVersion.Latest, preprocessorSymbols: ["RELEASE", .. FrameworkSymbols]);

    /// <summary>
    /// Checks the exercise <paramref name="slug"/> in a student's checkout: the .cs files of
    /// <c><paramref name="studentFolder"/>/exercises/&lt;slug&gt;/</c> outside <c>Given/</c>, <c>bin/</c> and
    /// <c>obj/</c>, compiled with the trusted <c>Given/</c> files of <c><paramref name="kitRoot"/>/exercises/&lt;slug&gt;/Given/</c>.
    /// Paths in the violations are relative to <paramref name="studentFolder"/>. No student files: no violations.
    /// </summary>
    /// <exception cref="AnalysisInputException">A source file cannot be read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the time budget ran out).</exception>
    public static IReadOnlyList<ApiViolation> CheckExercise(string kitRoot, string slug, string studentFolder, AllowListPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kitRoot);
        ArgumentException.ThrowIfNullOrEmpty(slug);
        ArgumentNullException.ThrowIfNull(studentFolder);
        ArgumentNullException.ThrowIfNull(policy);
        var studentExercise = Path.Combine(studentFolder, "exercises", slug);
        var student = Directory.Exists(studentExercise) ? SourceFiles(studentExercise, excludeGiven: true) : [];
        var givenFolder = Path.Combine(kitRoot, "exercises", slug, "Given");
        var given = Directory.Exists(givenFolder) ? SourceFiles(givenFolder, excludeGiven: false) : [];
        return Check(slug, student, given, policy, cancellationToken, displayRoot: studentFolder);
    }

    /// <summary>
    /// Checks <paramref name="studentFiles"/> against the policy of exercise <paramref name="slug"/>, compiled together
    /// with <paramref name="contextFiles"/> (the exercise's Given/ files, not checked). Paths in the violations are
    /// relative to <paramref name="displayRoot"/> when below it (default: the working directory), with '/' separators.
    /// Violations are sorted by path, line, column and id.
    /// </summary>
    /// <exception cref="AnalysisInputException">A file cannot be read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyList<ApiViolation> Check(
        string slug, IEnumerable<string> studentFiles, IEnumerable<string> contextFiles, AllowListPolicy policy,
        CancellationToken cancellationToken = default, string? displayRoot = null)
    {
        ArgumentNullException.ThrowIfNull(studentFiles);
        ArgumentNullException.ThrowIfNull(contextFiles);
        var root = Path.GetFullPath(displayRoot ?? Environment.CurrentDirectory);
        var student = studentFiles.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(file => new SourceFile(Display(root, file), Read(file))).ToList();
        var context = contextFiles.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(file => new SourceFile(Display(root, file), Read(file))).ToList();
        return CheckSources(slug, student, context, policy, cancellationToken);
    }

    /// <summary>Like <see cref="Check"/>, for sources already in memory (path as it should be shown, text).</summary>
    public static IReadOnlyList<ApiViolation> CheckSources(
        string slug, IEnumerable<SourceFile> studentSources, IEnumerable<SourceFile> contextSources, AllowListPolicy policy,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(slug);
        ArgumentNullException.ThrowIfNull(studentSources);
        ArgumentNullException.ThrowIfNull(contextSources);
        ArgumentNullException.ThrowIfNull(policy);
        var student = studentSources.ToList();
        var context = contextSources.ToList();
        if (student.Count == 0)
        {
            return [];
        }

        var rules = policy.For(slug);
        var exerciseNamespace = ExerciseNamespace(slug);
        var violations = new HashSet<ApiViolation>();
        var debugTrees = CheckCompilation(student, context, DebugOptions, rules, exerciseNamespace, violations, cancellationToken);
        if (debugTrees.Any(HasConditionalCode))
        {
            // Code a Release build would compile but a Debug build would not (#if !DEBUG) must not escape the check.
            CheckCompilation(student, context, ReleaseOptions, rules, exerciseNamespace, violations, cancellationToken);
        }

        return violations
            .OrderBy(v => v.Path, StringComparer.Ordinal).ThenBy(v => v.Line).ThenBy(v => v.Column)
            .ThenBy(v => v.Id, StringComparer.Ordinal).ThenBy(v => v.Api, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The namespace an exercise's types live in: <c>DistSys.</c> and the slug in PascalCase (lock-manager: DistSys.LockManager).</summary>
    public static string ExerciseNamespace(string slug)
    {
        ArgumentException.ThrowIfNullOrEmpty(slug);
        return "DistSys." + string.Concat(slug.Split('-', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => char.ToUpperInvariant(word[0]) + word[1..]));
    }

    private static List<SyntaxTree> CheckCompilation(
        List<SourceFile> student, List<SourceFile> context, CSharpParseOptions options, ExercisePolicy rules, string exerciseNamespace,
        HashSet<ApiViolation> violations, CancellationToken cancellationToken)
    {
        var studentTrees = student.Select(f => CSharpSyntaxTree.ParseText(SourceText.From(f.Text), options, f.Path, cancellationToken)).ToList();
        var trees = new List<SyntaxTree>(studentTrees);
        trees.AddRange(context.Select(f => CSharpSyntaxTree.ParseText(SourceText.From(f.Text), options, f.Path, cancellationToken)));
        // Adding trees to one shared empty compilation reuses its bound references (about 170 reference assemblies),
        // which is most of the cost of a fresh compilation.
        var compilation = (options == DebugOptions ? EmptyDebug : EmptyRelease).Value.AddSyntaxTrees(trees);
        foreach (var tree in studentTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            new TreeChecker(compilation, tree, rules, exerciseNamespace, violations, cancellationToken).Run();
        }
        return studentTrees;
    }

    private static readonly Lazy<CSharpCompilation> EmptyDebug = new(() => Empty(DebugOptions));
    private static readonly Lazy<CSharpCompilation> EmptyRelease = new(() => Empty(ReleaseOptions));

    private static CSharpCompilation Empty(CSharpParseOptions options)
    {
        var compilation = CSharpCompilation.Create(
            "DistSys.AllowListChecked",
            [CSharpSyntaxTree.ParseText(AnalysisRunner.ImplicitUsings, options, "DistSys.ImplicitUsings.g.cs")],
            [.. ReferenceAssemblies.Net, MetadataReference.CreateFromFile(typeof(DistSys.Runtime.INode).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true, concurrentBuild: false, deterministic: true));
        // Binds the references once, here, rather than in the first check.
        _ = compilation.GetTypeByMetadataName("System.Object");
        return compilation;
    }

    private static bool HasConditionalCode(SyntaxTree tree) =>
        tree.GetRoot().ContainsDirectives && tree.GetRoot().DescendantTrivia(descendIntoTrivia: true).Any(t => t.IsKind(SyntaxKind.IfDirectiveTrivia) || t.IsKind(SyntaxKind.ElifDirectiveTrivia)
            || t.IsKind(SyntaxKind.ElseDirectiveTrivia) || t.IsKind(SyntaxKind.DefineDirectiveTrivia) || t.IsKind(SyntaxKind.UndefDirectiveTrivia));

    private static List<string> SourceFiles(string folder, bool excludeGiven)
    {
        try
        {
            return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(file =>
                {
                    var parts = Path.GetRelativePath(folder, file).Replace('\\', '/').Split('/');
                    return !parts.Any(part => part is "bin" or "obj") && !(excludeGiven && parts[0] == "Given");
                })
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AnalysisInputException($"Cannot read the folder '{folder}': {e.Message}", e);
        }
    }

    private static string Read(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AnalysisInputException($"Cannot read '{file}': {e.Message}", e);
        }
    }

    private static string Display(string root, string file)
    {
        var relative = Path.GetRelativePath(root, file);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : relative;
        return shown.Replace('\\', '/');
    }
}

/// <summary>A source file in memory: the path to show in violations and its text.</summary>
/// <param name="Path">The path shown in violations.</param>
/// <param name="Text">The C# source.</param>
public sealed record SourceFile(string Path, string Text);
