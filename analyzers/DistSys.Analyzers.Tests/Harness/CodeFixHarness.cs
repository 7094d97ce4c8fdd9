using System.Collections.Immutable;
using DistSys.Analyzers.Runner;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DistSys.Analyzers.Tests.Harness;

/// <summary>Applies a code fix to the first diagnostic of a test program and checks the result: the expected text, it
/// compiles, and the rule no longer fires there.</summary>
internal static class CodeFixHarness
{
    public static async Task VerifyAsync(DiagnosticAnalyzer analyzer, CodeFixProvider fix, string markup, string expectedAfter, int actionIndex = 0)
    {
        var (source, expected) = Markup.Parse(markup);
        Assert.That(expected, Is.Not.Empty, "A code-fix test needs at least one marked diagnostic to fix.");
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(projectId, "TestProgram", "TestProgram", LanguageNames.CSharp)
            .WithProjectCompilationOptions(projectId, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .WithProjectParseOptions(projectId, new CSharpParseOptions(LanguageVersion.Latest))
            .AddMetadataReferences(projectId, ReferenceAssemblies.Net)
            .AddDocument(documentId, "Test.cs", SourceText.From(source), filePath: "Test.cs")
            .AddDocument(DocumentId.CreateNewId(projectId), "Usings.cs", SourceText.From(AnalyzerHarness.GlobalUsings), filePath: "Usings.cs");
        var document = solution.GetDocument(documentId)!;
        var compilation = (await document.Project.GetCompilationAsync().ConfigureAwait(false))!;
        AnalyzerHarness.AssertCompiles(compilation, "program before the fix");
        var diagnostics = await AnalyzerHarness.RunAsync(analyzer, compilation).ConfigureAwait(false);
        var target = diagnostics.FirstOrDefault(d => d.Location.SourceSpan == expected[0].Span);
        Assert.That(target, Is.Not.Null, $"The analyzer did not report the marked span {expected[0].Span}; it reported: "
            + string.Join(", ", diagnostics.Select(d => d.Location.SourceSpan.ToString())));

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, target!, (action, _) => actions.Add(action), CancellationToken.None);
        await fix.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        Assert.That(actions, Has.Count.GreaterThan(actionIndex), $"The code fix offered {actions.Count} action(s) for {target!.Id}.");

        var operations = await actions[actionIndex].GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var fixedDocument = changed.GetDocument(documentId)!;
        var fixedText = (await fixedDocument.GetTextAsync().ConfigureAwait(false)).ToString();
        Assert.That(Normalize(fixedText), Is.EqualTo(Normalize(expectedAfter)), "The fixed program differs from the expected one.");

        var fixedCompilation = (await fixedDocument.Project.GetCompilationAsync().ConfigureAwait(false))!;
        AnalyzerHarness.AssertCompiles(fixedCompilation, "program after the fix");
        var remaining = await AnalyzerHarness.RunAsync(analyzer, fixedCompilation).ConfigureAwait(false);
        var before = diagnostics.Count(d => d.Id == target!.Id);
        Assert.That(remaining.Count(d => d.Id == target!.Id), Is.LessThan(before),
            $"After the fix {target!.Id} still fires as often as before ({before} time(s)):\n" + string.Join("\n", remaining.Select(d => d.ToString())));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
