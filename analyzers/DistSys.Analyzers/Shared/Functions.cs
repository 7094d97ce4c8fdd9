using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>Facts about the function (method, lambda or local function) an operation runs in.</summary>
internal static class Functions
{
    /// <summary>The method symbol of the innermost function around the operation.</summary>
    public static IMethodSymbol? InnermostMethod(IOperation operation, ISymbol containingSymbol) =>
        OperationFacts.EnclosingFunction(operation) switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            ILocalFunctionOperation local => local.Symbol,
            _ => containingSymbol as IMethodSymbol,
        };

    public static bool IsInAsyncFunction(IOperation operation, ISymbol containingSymbol) =>
        InnermostMethod(operation, containingSymbol)?.IsAsync == true;
}
