using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace DistSys.Analyzers.CodeFixes;

/// <summary>DS014: <c>Monitor.Enter(x); ...; Monitor.Exit(x);</c> in one block becomes <c>lock (x) { ... }</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MonitorToLockCodeFix)), Shared]
public sealed class MonitorToLockCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DS014UnpairedMonitorEnterAnalyzer.Id);

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root!.FindNode(context.Span, getInnermostNodeForTie: true) is not InvocationExpressionSyntax
            {
                ArgumentList.Arguments.Count: 1,
                Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Enter" },
                Parent: ExpressionStatementSyntax { Parent: BlockSyntax block } enterStatement,
            } enter)
        {
            return;
        }
        var lockedObject = enter.ArgumentList.Arguments[0].Expression;
        var statements = block.Statements;
        var start = statements.IndexOf(enterStatement);
        var end = -1;
        for (var i = start + 1; i < statements.Count; i++)
        {
            if (statements[i] is ExpressionStatementSyntax
                {
                    Expression: InvocationExpressionSyntax
                    {
                        ArgumentList.Arguments.Count: 1,
                        Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Exit" },
                    } exit,
                }
                && SyntaxFactory.AreEquivalent(exit.ArgumentList.Arguments[0].Expression, lockedObject))
            {
                end = i;
                break;
            }
        }
        if (end < 0)
        {
            return;
        }
        context.RegisterCodeFix(
            FixSupport.Action("Use a lock statement", nameof(MonitorToLockCodeFix), _ =>
            {
                var body = statements.Skip(start + 1).Take(end - start - 1).ToList();
                var lockStatement = SyntaxFactory.LockStatement(lockedObject.WithoutTrivia(), SyntaxFactory.Block(body))
                    .WithLeadingTrivia(enterStatement.GetLeadingTrivia())
                    .WithTrailingTrivia(statements[end].GetTrailingTrivia())
                    .WithAdditionalAnnotations(Formatter.Annotation);
                var newStatements = statements.Take(start).Append(lockStatement).Concat(statements.Skip(end + 1));
                return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(block, block.WithStatements(SyntaxFactory.List(newStatements)))));
            }),
            context.Diagnostics);
    }
}
