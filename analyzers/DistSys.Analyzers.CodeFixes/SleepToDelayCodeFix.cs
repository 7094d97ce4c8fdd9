using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DistSys.Analyzers.CodeFixes;

/// <summary>DS006 in async code: <c>Thread.Sleep(x);</c> becomes <c>await Task.Delay(x);</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SleepToDelayCodeFix)), Shared]
public sealed class SleepToDelayCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DS006SleepSynchronizationAnalyzer.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.ContainsKey(DS006SleepSynchronizationAnalyzer.InAsyncProperty))
        {
            return;
        }
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root!.FindNode(context.Span, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { Parent: ExpressionStatementSyntax } sleep)
        {
            return;
        }
        context.RegisterCodeFix(
            FixSupport.Action("Await Task.Delay", nameof(SleepToDelayCodeFix), _ =>
            {
                var delay = SyntaxFactory.AwaitExpression(
                    SyntaxFactory.InvocationExpression(FixSupport.QualifiedExpression("System.Threading.Tasks.Task.Delay"), sleep.ArgumentList))
                    .WithTriviaFrom(sleep);
                return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(sleep, delay)));
            }),
            diagnostic);
    }
}
