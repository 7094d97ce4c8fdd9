using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace DistSys.Analyzers.CodeFixes;

/// <summary>
/// DS005: <c>var start = DateTime.UtcNow; ... DateTime.UtcNow - start</c> becomes
/// <c>var start = Stopwatch.GetTimestamp(); ... Stopwatch.GetElapsedTime(start)</c>. Offered only when the local is
/// used for nothing else, so the change cannot alter other code.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WallClockDurationCodeFix)), Shared]
public sealed class WallClockDurationCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DS005WallClockDurationAnalyzer.Id);

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var (root, model) = await FixSupport.LoadAsync(context.Document, context.CancellationToken).ConfigureAwait(false);
        var node = root.FindNode(context.Span, getInnermostNodeForTie: true);
        if (node.Parent is not BinaryExpressionSyntax { RawKind: (int)SyntaxKind.SubtractExpression } subtraction
            || subtraction.Left != node
            || model.GetSymbolInfo(subtraction.Right, context.CancellationToken).Symbol is not ILocalSymbol start
            || start.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is not VariableDeclaratorSyntax
                { Initializer.Value: { } initializer, Parent: VariableDeclarationSyntax declaration }
            || !IsWallClock(initializer, model)
            || node.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member)
        {
            return;
        }
        var uses = member.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(id => id.Identifier.ValueText == start.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(id).Symbol, start))
            .ToList();
        var elapsed = new List<BinaryExpressionSyntax>();
        foreach (var use in uses)
        {
            if (use.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.SubtractExpression } use_ && use_.Right == use && IsWallClock(use_.Left, model))
            {
                elapsed.Add(use_);
            }
            else
            {
                return;
            }
        }
        context.RegisterCodeFix(
            FixSupport.Action("Measure with Stopwatch", nameof(WallClockDurationCodeFix), _ =>
            {
                var nodes = new List<SyntaxNode> { initializer };
                nodes.AddRange(elapsed);
                if (!declaration.Type.IsVar)
                {
                    nodes.Add(declaration.Type);
                }
                var updated = root.ReplaceNodes(nodes, (original, _) => original switch
                {
                    BinaryExpressionSyntax binary => FixSupport.QualifiedExpression($"System.Diagnostics.Stopwatch.GetElapsedTime({binary.Right.WithoutTrivia()})").WithTriviaFrom(binary),
                    TypeSyntax type when type == declaration.Type => SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.LongKeyword)).WithTriviaFrom(type),
                    _ => FixSupport.QualifiedExpression("System.Diagnostics.Stopwatch.GetTimestamp()").WithTriviaFrom(original),
                });
                return Task.FromResult(context.Document.WithSyntaxRoot(updated));
            }),
            context.Diagnostics);
    }

    private static bool IsWallClock(ExpressionSyntax expression, SemanticModel model) =>
        model.GetSymbolInfo(expression).Symbol is IPropertySymbol { Name: "Now" or "UtcNow", IsStatic: true } property
        && property.ContainingType.ContainingNamespace?.ToDisplayString() == "System"
        && property.ContainingType.Name is "DateTime" or "DateTimeOffset";
}
