using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DistSys.Analyzers.Runner;

/// <summary>
/// Runs every DS rule over C# source given as paths: a project folder (its .cs files, bin/ and obj/ excluded), a .csproj
/// file (its folder), a folder of loose .cs files, or single .cs files. All inputs compile together, with the .NET
/// reference assemblies, the SDK's implicit usings and the kit runtime (DistSys.Runtime), like an exercise project.
/// </summary>
public static class AnalysisRunner
{
    /// <summary>The usings an SDK project with ImplicitUsings gets, so loose files compile as they do in a project.</summary>
    internal const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>The analyzer a build loads, hosting every DS rule.</summary>
    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> Analyzers = new(() => [new DistSysAnalyzer()]);

    /// <summary>Every DS rule, in id order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> Rules { get; } =
        Analyzers.Value.SelectMany(a => a.SupportedDiagnostics).OrderBy(d => d.Id, StringComparer.Ordinal).ToList();

    /// <summary>Analyzes the paths. Throws <see cref="AnalysisInputException"/> when a path does not exist or cannot be read.</summary>
    public static AnalysisResult Analyze(IEnumerable<string> paths, CancellationToken cancellationToken = default) =>
        AnalyzeAsync(paths, cancellationToken).GetAwaiter().GetResult();

    /// <inheritdoc cref="Analyze"/>
    public static async Task<AnalysisResult> AnalyzeAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        var files = SourceFiles(paths);
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = files.Select(file => CSharpSyntaxTree.ParseText(Read(file), parseOptions, file, cancellationToken)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(ImplicitUsings, parseOptions, "DistSys.ImplicitUsings.g.cs", cancellationToken: cancellationToken));
        var compilation = CSharpCompilation.Create(
            "DistSys.Analyzed",
            trees,
            [.. ReferenceAssemblies.Net, MetadataReference.CreateFromFile(typeof(DistSys.Runtime.INode).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                concurrentBuild: true, deterministic: true));

        // reportSuppressedDiagnostics: a finding hidden by `#pragma warning disable` or [SuppressMessage] (also in a
        // GlobalSuppressions.cs) in the analyzed code still counts; the code under grading does not decide what is graded.
        var withAnalyzers = compilation.WithAnalyzers(Analyzers.Value, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true,
            logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        var findings = diagnostics
            .Where(d => d.Location.IsInSource)
            .Select(d =>
            {
                var (path, line, column) = Position(d.Location);
                return new Finding(d.Id, path, line, column, "warning", d.GetMessage(CultureInfo.InvariantCulture), d.Descriptor.HelpLinkUri);
            })
            .OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.Id, StringComparer.Ordinal)
            .Distinct()
            .ToList();
        var errors = compilation.GetDiagnostics(cancellationToken)
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d =>
            {
                var (path, line, column) = d.Location.IsInSource ? Position(d.Location) : (string.Empty, 0, 0);
                return new CompilerError(d.Id, path, line, column, d.GetMessage(CultureInfo.InvariantCulture));
            })
            .OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column).ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        return new AnalysisResult(findings, errors, files.Select(DisplayPath).ToList());
    }

    /// <summary>The .cs files the paths denote, deduplicated and in ordinal order so every run sees the same input.</summary>
    internal static IReadOnlyList<string> SourceFiles(IEnumerable<string> paths)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (File.Exists(full))
            {
                if (full.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                {
                    AddFolder(Path.GetDirectoryName(full)!, files);
                }
                else if (full.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
                {
                    files.Add(full);
                }
                else
                {
                    throw new AnalysisInputException($"'{path}' is neither a .cs file, a .csproj file nor a folder.");
                }
            }
            else if (Directory.Exists(full))
            {
                AddFolder(full, files);
            }
            else
            {
                throw new AnalysisInputException($"'{path}' does not exist.");
            }
        }
        return [.. files];
    }

    private static void AddFolder(string folder, SortedSet<string> files)
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
                if (!relative.Split('/').Any(part => part is "bin" or "obj"))
                {
                    files.Add(file);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AnalysisInputException($"Cannot read the folder '{folder}': {e.Message}", e);
        }
    }

    private static SourceText Read(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            return SourceText.From(stream, throwIfBinaryDetected: true, canBeEmbedded: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new AnalysisInputException($"Cannot read '{file}': {e.Message}", e);
        }
    }

    private static (string Path, int Line, int Column) Position(Location location)
    {
        var span = location.GetLineSpan();
        return (DisplayPath(span.Path), span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
    }

    /// <summary>Relative to the working directory when below it, so reports do not depend on where the kit is checked out.</summary>
    private static string DisplayPath(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
        return shown.Replace('\\', '/');
    }
}
