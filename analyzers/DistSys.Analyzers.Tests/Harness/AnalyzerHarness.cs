using System.Collections.Immutable;
using System.Globalization;
using DistSys.Analyzers.Runner;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DistSys.Analyzers.Tests.Harness;

/// <summary>Compiles a test program, runs one analyzer over it and compares what it reports with the marked spans.</summary>
internal static class AnalyzerHarness
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>What an SDK project's implicit usings provide, so test programs show only what matters.</summary>
    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    public static CSharpCompilation Compile(string source, string assemblyName = "TestProgram") =>
        CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Test.cs"), CSharpSyntaxTree.ParseText(GlobalUsings, ParseOptions, path: "Usings.cs")],
            ReferenceAssemblies.Net,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Fails when the program does not compile: a test whose source is broken tests nothing.</summary>
    public static void AssertCompiles(Compilation compilation, string what)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.That(errors, Is.Empty, $"The {what} does not compile, so the test is broken:\n" + string.Join("\n", errors.Select(e => e.ToString())));
    }

    public static async Task<ImmutableArray<Diagnostic>> RunAsync(DiagnosticAnalyzer analyzer, Compilation compilation)
    {
        var withAnalyzers = compilation.WithAnalyzers([analyzer]);
        var all = await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).ToHashSet();
        return [.. all.Where(d => ids.Contains(d.Id)).OrderBy(d => d.Location.SourceSpan.Start)];
    }

    /// <summary>Checks that the analyzer reports exactly the marked spans, no more and no fewer.</summary>
    public static async Task VerifyAsync(DiagnosticAnalyzer analyzer, string markup)
    {
        var (source, expected) = Markup.Parse(markup);
        var compilation = Compile(source);
        AssertCompiles(compilation, "test program");
        var actual = await RunAsync(analyzer, compilation).ConfigureAwait(false);
        var actualDescribed = actual.Select(d => Describe(source, d.Id, d.Location.SourceSpan) + " — " + d.GetMessage(CultureInfo.InvariantCulture)).ToList();
        var expectedDescribed = expected.Select(e => Describe(source, e.Id, e.Span)).ToList();
        Assert.That(
            actual.Select(d => Describe(source, d.Id, d.Location.SourceSpan)).ToList(),
            Is.EqualTo(expectedDescribed),
            "Expected diagnostics (id at line:column 'text'):\n  " + (expectedDescribed.Count == 0 ? "(none)" : string.Join("\n  ", expectedDescribed))
            + "\nActual:\n  " + (actualDescribed.Count == 0 ? "(none)" : string.Join("\n  ", actualDescribed)));
    }

    private static string Describe(string source, string id, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < span.Start; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
        return string.Create(CultureInfo.InvariantCulture, $"{id} at {line}:{column} '{source.Substring(span.Start, span.Length)}'");
    }
}
