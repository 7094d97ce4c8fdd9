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

/// <summary>DS003: lock a private readonly object of the type instead of this, a Type, a string or a public member.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PrivateLockObjectCodeFix)), Shared]
public sealed class PrivateLockObjectCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DS003PublicLockObjectAnalyzer.Id);

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var (root, model) = await FixSupport.LoadAsync(context.Document, context.CancellationToken).ConfigureAwait(false);
        if (root.FindNode(context.Span, getInnermostNodeForTie: true) is not ExpressionSyntax lockedValue
            || lockedValue.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type
            || model.GetDeclaredSymbol(type, context.CancellationToken) is not { } typeSymbol)
        {
            return;
        }
        var member = model.GetEnclosingSymbol(lockedValue.SpanStart, context.CancellationToken);
        var isStatic = member?.IsStatic ?? false;
        var name = GateName(typeSymbol, isStatic, out var exists);
        context.RegisterCodeFix(
            FixSupport.Action($"Lock a private readonly object '{name}'", nameof(PrivateLockObjectCodeFix), _ =>
            {
                var replaced = root.ReplaceNode(lockedValue, SyntaxFactory.IdentifierName(name).WithTriviaFrom(lockedValue));
                if (!exists)
                {
                    var newType = replaced.DescendantNodesAndSelf().OfType<TypeDeclarationSyntax>().First(t => t.SpanStart == type.SpanStart);
                    var field = (MemberDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration(
                        $"private {(isStatic ? "static " : string.Empty)}readonly object {name} = new();")!;
                    var indentation = newType.Members.FirstOrDefault()?.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia)) ?? default;
                    field = field.WithLeadingTrivia(indentation).WithTrailingTrivia(SyntaxFactory.ElasticEndOfLine("\n"));
                    replaced = replaced.ReplaceNode(newType, newType.WithMembers(newType.Members.Insert(0, field.WithAdditionalAnnotations(Formatter.Annotation))));
                }
                return Task.FromResult(context.Document.WithSyntaxRoot(replaced));
            }),
            context.Diagnostics);
    }

    /// <summary>_gate (s_gate when static), reusing one this fix added before, or numbered to avoid a clash.</summary>
    private static string GateName(INamedTypeSymbol type, bool isStatic, out bool exists)
    {
        var baseName = isStatic ? "s_gate" : "_gate";
        for (var suffix = 0; ; suffix++)
        {
            var name = suffix == 0 ? baseName : baseName + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var clash = type.GetMembers(name).FirstOrDefault();
            if (clash is null)
            {
                exists = false;
                return name;
            }
            if (clash is IFieldSymbol { IsReadOnly: true, DeclaredAccessibility: Accessibility.Private, Type.SpecialType: SpecialType.System_Object } field
                && field.IsStatic == isStatic)
            {
                exists = true;
                return name;
            }
        }
    }
}
