using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DistSys.Analyzers.Runner.AllowList;

/// <summary>Walks one student file: every node that refers to a symbol, and the language features refused outright.</summary>
internal sealed class TreeChecker(
    CSharpCompilation compilation, SyntaxTree tree, ExercisePolicy rules, string exerciseNamespace,
    HashSet<ApiViolation> violations, CancellationToken cancellationToken)
{
    private static readonly string[] InfrastructureNamespaces = ["NUnit", "DistSys.Testing", "DistSys.Grader", "DistSys.Analyzers", "Microsoft.CodeAnalysis"];

    private readonly SemanticModel _model = compilation.GetSemanticModel(tree, ignoreAccessibility: false);

    public void Run()
    {
        var root = tree.GetRoot(cancellationToken);
        var visited = 0;
        foreach (var node in root.DescendantNodesAndSelf(descendIntoChildren: n => !IsNameOf(n)))
        {
            if (++visited % 256 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            CheckSyntax(node);
            CheckReferences(node);
        }
    }

    /// <summary>`nameof(X)` only produces a string: what it names is not used.</summary>
    private bool IsNameOf(SyntaxNode node) =>
        node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } invocation
        && _model.GetSymbolInfo(invocation, cancellationToken).Symbol is null
        && _model.GetConstantValue(invocation, cancellationToken).HasValue;

    private void CheckSyntax(SyntaxNode node)
    {
        switch (node)
        {
            case UnsafeStatementSyntax statement:
                Report(AllowListRules.UnsafeCode, statement.UnsafeKeyword.GetLocation(), "unsafe block", AllowListRules.UnsafeReason);
                break;
            case FixedStatementSyntax statement:
                Report(AllowListRules.UnsafeCode, statement.FixedKeyword.GetLocation(), "fixed statement", AllowListRules.UnsafeReason);
                break;
            case PointerTypeSyntax pointer:
                Report(AllowListRules.UnsafeCode, pointer.GetLocation(), "pointer type", AllowListRules.UnsafeReason);
                break;
            case FunctionPointerTypeSyntax pointer:
                Report(AllowListRules.UnsafeCode, pointer.GetLocation(), "function pointer type", AllowListRules.UnsafeReason);
                break;
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.AddressOfExpression or (int)SyntaxKind.PointerIndirectionExpression } unary:
                Report(AllowListRules.UnsafeCode, unary.OperatorToken.GetLocation(), "pointer operator " + unary.OperatorToken.Text, AllowListRules.UnsafeReason);
                break;
            case MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.PointerMemberAccessExpression } access:
                Report(AllowListRules.UnsafeCode, access.OperatorToken.GetLocation(), "pointer operator ->", AllowListRules.UnsafeReason);
                break;
            case MakeRefExpressionSyntax or RefTypeExpressionSyntax or RefValueExpressionSyntax:
                Report(AllowListRules.UnsafeCode, node.GetFirstToken().GetLocation(), node.GetFirstToken().Text, AllowListRules.TypedReferenceReason);
                break;
            case ExpressionSyntax when node.IsKind(SyntaxKind.ArgListExpression):
                Report(AllowListRules.UnsafeCode, node.GetLocation(), "__arglist", AllowListRules.TypedReferenceReason);
                break;
            case ParameterSyntax parameter when parameter.Identifier.IsKind(SyntaxKind.ArgListKeyword):
                Report(AllowListRules.UnsafeCode, parameter.GetLocation(), "__arglist", AllowListRules.TypedReferenceReason);
                break;
            case ExternAliasDirectiveSyntax alias:
                Report(AllowListRules.AssemblyLoading, alias.GetLocation(), "extern alias " + alias.Identifier.ValueText, AllowListRules.ExternAliasReason);
                break;
            case AttributeListSyntax { Target: { } target } list when target.Identifier.IsKind(SyntaxKind.AssemblyKeyword) || target.Identifier.IsKind(SyntaxKind.ModuleKeyword):
                Report(AllowListRules.RuntimeHooks, list.GetLocation(), $"[{target.Identifier.ValueText}: ...] attribute", AllowListRules.AssemblyAttributeReason);
                break;
            case DestructorDeclarationSyntax destructor:
                Report(AllowListRules.RuntimeHooks, destructor.TildeToken.GetLocation(), "finalizer ~" + destructor.Identifier.ValueText, AllowListRules.FinalizerReason);
                break;
            case UsingDirectiveSyntax { NamespaceOrType: { } name } directive:
                CheckInfrastructureName(name.ToString(), directive.GetLocation());
                break;
            case BaseNamespaceDeclarationSyntax declaration:
                CheckInfrastructureName(declaration.Name.ToString(), declaration.Name.GetLocation());
                break;
            case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax:
                CheckDeclaredNamespace((MemberDeclarationSyntax)node);
                break;
            case GlobalStatementSyntax statement:
                Report(AllowListRules.ForeignNamespace, statement.GetLocation(), "top-level statement", $"exercise code is types in namespace {exerciseNamespace}");
                break;
        }

        if (node is MemberDeclarationSyntax or LocalFunctionStatementSyntax or LocalDeclarationStatementSyntax)
        {
            var modifiers = node switch
            {
                MemberDeclarationSyntax member => member.Modifiers,
                LocalFunctionStatementSyntax local => local.Modifiers,
                LocalDeclarationStatementSyntax local => local.Modifiers,
                _ => default,
            };
            foreach (var modifier in modifiers)
            {
                if (modifier.IsKind(SyntaxKind.UnsafeKeyword) || modifier.IsKind(SyntaxKind.FixedKeyword) || modifier.IsKind(SyntaxKind.ExternKeyword))
                {
                    Report(AllowListRules.UnsafeCode, modifier.GetLocation(), modifier.Text + " modifier", AllowListRules.UnsafeReason);
                }
            }
        }
    }

    private void CheckInfrastructureName(string name, Location location)
    {
        var text = name.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (text.StartsWith("global::", StringComparison.Ordinal))
        {
            text = text["global::".Length..];
        }
        if (text.Contains('=', StringComparison.Ordinal))
        {
            text = text[(text.IndexOf('=', StringComparison.Ordinal) + 1)..];
        }
        var hit = InfrastructureNamespaces.FirstOrDefault(ns => text == ns || text.StartsWith(ns + ".", StringComparison.Ordinal));
        if (hit is not null)
        {
            Report(AllowListRules.TestInfrastructure, location, text, AllowListRules.TestInfrastructureReason);
        }
    }

    private void CheckDeclaredNamespace(MemberDeclarationSyntax declaration)
    {
        if (declaration.Parent is BaseTypeDeclarationSyntax)
        {
            return; // a nested type lives where its outer type does
        }
        var symbol = _model.GetDeclaredSymbol(declaration, cancellationToken);
        if (symbol is null)
        {
            return;
        }
        var ns = symbol.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : string.Empty;
        if (ns != exerciseNamespace && !ns.StartsWith(exerciseNamespace + ".", StringComparison.Ordinal))
        {
            var location = declaration switch
            {
                BaseTypeDeclarationSyntax type => type.Identifier.GetLocation(),
                DelegateDeclarationSyntax d => d.Identifier.GetLocation(),
                _ => declaration.GetLocation(),
            };
            var shown = ns.Length == 0 ? symbol.Name + " (global namespace)" : ns + "." + symbol.Name;
            Report(AllowListRules.ForeignNamespace, location, shown, $"exercise code declares its types in namespace {exerciseNamespace}");
        }
    }

    private void CheckReferences(SyntaxNode node)
    {
        switch (node)
        {
            case SimpleNameSyntax name when !QualifiesMember(name):
                CheckSymbolInfo(_model.GetSymbolInfo(name, cancellationToken), name.GetLocation());
                break;
            case ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax or ConstructorInitializerSyntax
                or PrimaryConstructorBaseTypeSyntax or AttributeSyntax or ElementAccessExpressionSyntax or ImplicitElementAccessSyntax
                or BinaryExpressionSyntax or AssignmentExpressionSyntax or PrefixUnaryExpressionSyntax
                or PostfixUnaryExpressionSyntax { RawKind: not (int)SyntaxKind.SuppressNullableWarningExpression }
                or CastExpressionSyntax or SelectOrGroupClauseSyntax:
                CheckSymbolInfo(_model.GetSymbolInfo(node, cancellationToken), Anchor(node));
                break;
            case QueryClauseSyntax clause:
                var info = _model.GetQueryClauseInfo(clause, cancellationToken);
                CheckSymbolInfo(info.CastInfo, clause.GetLocation());
                CheckSymbolInfo(info.OperationInfo, clause.GetLocation());
                break;
            case OrderingSyntax ordering:
                CheckSymbolInfo(_model.GetSymbolInfo(ordering, cancellationToken), ordering.GetLocation());
                break;
            case CommonForEachStatementSyntax loop:
                var loopInfo = _model.GetForEachStatementInfo(loop);
                CheckSymbol(loopInfo.GetEnumeratorMethod, loop.InKeyword.GetLocation());
                CheckSymbol(loopInfo.MoveNextMethod, loop.InKeyword.GetLocation());
                CheckSymbol(loopInfo.CurrentProperty, loop.InKeyword.GetLocation());
                if (loop is ForEachVariableStatementSyntax variables)
                {
                    CheckDeconstruction(_model.GetDeconstructionInfo(variables), loop.InKeyword.GetLocation());
                }
                break;
            case AwaitExpressionSyntax awaited:
                var awaitInfo = _model.GetAwaitExpressionInfo(awaited);
                CheckSymbol(awaitInfo.GetAwaiterMethod, awaited.AwaitKeyword.GetLocation());
                CheckSymbol(awaitInfo.IsCompletedProperty, awaited.AwaitKeyword.GetLocation());
                CheckSymbol(awaitInfo.GetResultMethod, awaited.AwaitKeyword.GetLocation());
                break;
            case InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.CollectionInitializerExpression):
                foreach (var element in initializer.Expressions)
                {
                    CheckSymbolInfo(_model.GetCollectionInitializerSymbolInfo(element, cancellationToken), element.GetLocation());
                }
                break;
        }

        if (node is AssignmentExpressionSyntax { Left: TupleExpressionSyntax or DeclarationExpressionSyntax } deconstruction)
        {
            CheckDeconstruction(_model.GetDeconstructionInfo(deconstruction), deconstruction.OperatorToken.GetLocation());
        }

        if (node is ExpressionSyntax expression && node is not SimpleNameSyntax)
        {
            var conversion = _model.GetConversion(expression, cancellationToken);
            if (conversion.IsUserDefined)
            {
                CheckSymbol(conversion.MethodSymbol, expression.GetLocation());
            }
        }
    }

    /// <summary>
    /// A type that only qualifies a member (<c>File.WriteAllText</c>, <c>Environment.NewLine</c>) is judged through that
    /// member: one use, one decision, naming the most specific API; a class refused as a whole can allow single members.
    /// </summary>
    private bool QualifiesMember(SimpleNameSyntax name)
    {
        SimpleNameSyntax? member = name.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Expression == name => access.Name,
            QualifiedNameSyntax qualified when qualified.Left == name => qualified.Right,
            _ => null,
        };
        if (member is null || _model.GetSymbolInfo(name, cancellationToken).Symbol is not INamedTypeSymbol type)
        {
            return false;
        }
        var target = _model.GetSymbolInfo(member, cancellationToken);
        return (target.Symbol is not null ? [target.Symbol] : target.CandidateSymbols)
            .Any(symbol => SymbolEqualityComparer.Default.Equals(symbol.ContainingType?.OriginalDefinition, type.OriginalDefinition));
    }

    private static Location Anchor(SyntaxNode node) => node switch
    {
        ObjectCreationExpressionSyntax creation => creation.Type.GetLocation(),
        ImplicitObjectCreationExpressionSyntax creation => creation.NewKeyword.GetLocation(),
        BinaryExpressionSyntax binary => binary.OperatorToken.GetLocation(),
        AssignmentExpressionSyntax assignment => assignment.OperatorToken.GetLocation(),
        PrefixUnaryExpressionSyntax unary => unary.OperatorToken.GetLocation(),
        PostfixUnaryExpressionSyntax unary => unary.OperatorToken.GetLocation(),
        AttributeSyntax attribute => attribute.Name.GetLocation(),
        _ => node.GetLocation(),
    };

    private void CheckDeconstruction(DeconstructionInfo info, Location location)
    {
        CheckSymbol(info.Method, location);
        foreach (var nested in info.Nested)
        {
            CheckDeconstruction(nested, location);
        }
    }

    private void CheckSymbolInfo(SymbolInfo info, Location location)
    {
        if (info.Symbol is not null)
        {
            CheckSymbol(info.Symbol, location);
            return;
        }
        // Code that does not bind still names what it wants; a broken call must not be a way around the list.
        foreach (var candidate in info.CandidateSymbols)
        {
            CheckSymbol(candidate, location);
        }
    }

    private void CheckSymbol(ISymbol? symbol, Location location)
    {
        if (Evaluate(symbol) is { } refused)
        {
            Report(refused.Id, location, refused.Api, refused.Reason);
        }
    }

    /// <summary>Why exercise code may not use <paramref name="symbol"/>, or null when it may.</summary>
    private (string Id, string Api, string Reason)? Evaluate(ISymbol? symbol)
    {
        switch (symbol)
        {
            case null:
            case INamespaceSymbol:
            case ITypeParameterSymbol:
            case ILocalSymbol:
            case IParameterSymbol:
            case ILabelSymbol:
            case IRangeVariableSymbol:
            case IDiscardSymbol:
            case IPreprocessingSymbol:
            case IErrorTypeSymbol:
            case IAliasSymbol:
                return null;
            case IDynamicTypeSymbol:
                return (AllowListRules.DynamicCode, "dynamic", AllowListRules.DynamicReason);
            case IPointerTypeSymbol:
                return (AllowListRules.UnsafeCode, "pointer type", AllowListRules.UnsafeReason);
            case IFunctionPointerTypeSymbol:
                return (AllowListRules.UnsafeCode, "function pointer type", AllowListRules.UnsafeReason);
            case IArrayTypeSymbol array:
                return Evaluate(array.ElementType);
            case IMethodSymbol { MethodKind: MethodKind.BuiltinOperator or MethodKind.AnonymousFunction or MethodKind.LocalFunction }:
                return null;
            case IMethodSymbol { MethodKind: MethodKind.FunctionPointerSignature }:
                return (AllowListRules.UnsafeCode, "function pointer call", AllowListRules.UnsafeReason);
        }

        if (symbol is IMethodSymbol { ReducedFrom: { } extension })
        {
            symbol = extension;
        }
        if (symbol is IMethodSymbol { AssociatedSymbol: { } property and (IPropertySymbol or IEventSymbol) })
        {
            symbol = property;
        }
        symbol = symbol.OriginalDefinition;
        if (symbol is INamedTypeSymbol { IsAnonymousType: true } || symbol.ContainingType is { IsAnonymousType: true })
        {
            return null;
        }

        var assembly = symbol.ContainingAssembly;
        if (assembly is null || SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly) || assembly.Name == "DistSys.Runtime")
        {
            return null;
        }

        var name = ApiName(symbol);
        if (name.Length == 0)
        {
            return null;
        }
        var entry = rules.Decide(name);
        if (entry is { Refuse: false })
        {
            return null;
        }
        // A constructor is shown as its type (`new Socket(...)`: System.Net.Sockets.Socket) unless an entry names the
        // constructor itself.
        var shown = symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } && entry?.Parts[^1] != "#ctor" ? name[..^1] : name;
        var api = string.Join('.', shown);
        return entry is null ? (AllowListRules.NotAllowed, api, AllowListPolicy.NotAllowedReason) : (entry.Id, api, entry.Why);
    }

    /// <summary>The symbol as the allow-list names it: namespace, enclosing types, type, member; #ctor for constructors.</summary>
    internal static string[] ApiName(ISymbol symbol)
    {
        var parts = new List<string>();
        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        if (symbol is not INamedTypeSymbol)
        {
            parts.Add(symbol switch
            {
                IMethodSymbol { MethodKind: MethodKind.Constructor } => "#ctor",
                IMethodSymbol { MethodKind: MethodKind.StaticConstructor } => "#cctor",
                IPropertySymbol { IsIndexer: true } => "Item",
                _ => symbol.MetadataName.Split('`')[0],
            });
        }
        for (var t = type; t is not null; t = t.ContainingType)
        {
            parts.Add(t.Name);
        }
        var ns = (type?.ContainingNamespace ?? symbol.ContainingNamespace);
        for (; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            parts.Add(ns.Name);
        }
        parts.Reverse();
        return [.. parts];
    }

    private void Report(string id, Location location, string api, string reason)
    {
        var span = location.GetLineSpan();
        violations.Add(new ApiViolation(id, tree.FilePath, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, api, reason));
    }
}
