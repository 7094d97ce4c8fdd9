using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>
/// Every object code takes a lock on: the operand of a <c>lock</c> statement and the first argument of
/// <c>Monitor.Enter</c>/<c>TryEnter</c>. Rules that judge the lock object itself (not the region) register through here.
/// </summary>
internal static class LockedObjects
{
    public static void Register(CompilationStartAnalysisContext context, KnownTypes types, Action<OperationAnalysisContext, IOperation> check)
    {
        context.RegisterOperationAction(
            c => check(c, ((ILockOperation)c.Operation).LockedValue),
            OperationKind.Lock);
        context.RegisterOperationAction(
            c =>
            {
                var invocation = (IInvocationOperation)c.Operation;
                if (OperationFacts.IsCallTo(invocation, types.Monitor, "Enter", "TryEnter") && invocation.Arguments.Length > 0)
                {
                    check(c, invocation.Arguments[0].Value);
                }
            },
            OperationKind.Invocation);
    }
}
