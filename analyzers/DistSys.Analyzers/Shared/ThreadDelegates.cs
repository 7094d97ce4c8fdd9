using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>How a delegate handed to a threading API runs.</summary>
internal enum ThreadDelegateKind
{
    /// <summary>Not handed to a threading API: runs on the caller's thread as far as we know.</summary>
    None,

    /// <summary>Runs once on another thread (Task.Run, new Thread, the thread pool, a timer, Parallel.Invoke).</summary>
    OtherThread,

    /// <summary>Runs on several threads at once: a Parallel.For/ForEach body, or a thread started inside a loop.</summary>
    ConcurrentWithItself,
}

/// <summary>Recognises lambdas that run on other threads and the call that started them.</summary>
internal static class ThreadDelegates
{
    private static readonly string[] LoopingLinqNames = { "Select", "SelectMany", "ForEach", "ToDictionary", "Aggregate" };

    /// <summary>The innermost enclosing lambda that runs on another thread, with how it runs.</summary>
    public static (IAnonymousFunctionOperation? Delegate, ThreadDelegateKind Kind) EnclosingThreadDelegate(IOperation operation, KnownTypes types) =>
        EnclosingThreadDelegate(operation, types, types.ThreadHelpers);

    private static (IAnonymousFunctionOperation? Delegate, ThreadDelegateKind Kind) EnclosingThreadDelegate(IOperation operation, KnownTypes types, ThreadHelpers helpers)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda)
            {
                var kind = Classify(lambda, types, helpers, out _);
                if (kind != ThreadDelegateKind.None)
                {
                    return (lambda, kind);
                }
            }
        }
        return (null, ThreadDelegateKind.None);
    }

    /// <summary>How the lambda runs, and the invocation or creation that received it.</summary>
    public static ThreadDelegateKind Classify(IAnonymousFunctionOperation lambda, KnownTypes types, out IOperation? starter) =>
        Classify(lambda, types, types.ThreadHelpers, out starter);

    private static ThreadDelegateKind Classify(IAnonymousFunctionOperation lambda, KnownTypes types, ThreadHelpers helpers, out IOperation? starter)
    {
        starter = null;
        var current = lambda.Parent;
        while (current is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }
        return current is IArgumentOperation argument ? ClassifyArgument(argument, types, helpers, out starter) : ThreadDelegateKind.None;
    }

    /// <summary>
    /// How a use of a helper's delegate parameter runs: passed on to a threading API or another helper
    /// (<c>Task.Run(body)</c>), or called inside a lambda that runs on another thread (<c>new Thread(() => body(i))</c>).
    /// </summary>
    internal static ThreadDelegateKind KindOfUse(IParameterReferenceOperation reference, KnownTypes types, ThreadHelpers helpers)
    {
        var current = reference.Parent;
        while (current is IDelegateCreationOperation or IConversionOperation or IMethodReferenceOperation)
        {
            current = current.Parent;
        }
        if (current is IArgumentOperation argument)
        {
            var passed = ClassifyArgument(argument, types, helpers, out _);
            if (passed != ThreadDelegateKind.None)
            {
                return passed;
            }
        }
        return EnclosingThreadDelegate(reference, types, helpers).Kind;
    }

    private static ThreadDelegateKind ClassifyArgument(IArgumentOperation argument, KnownTypes types, ThreadHelpers helpers, out IOperation? starter)
    {
        starter = argument.Parent;
        switch (argument.Parent)
        {
            case IInvocationOperation invocation:
            {
                var method = invocation.TargetMethod;
                var type = method.ContainingType;
                if (KnownTypes.Is(type, types.Parallel))
                {
                    return method.Name == "Invoke" ? ThreadDelegateKind.OtherThread : ThreadDelegateKind.ConcurrentWithItself;
                }
                var startsWork = (KnownTypes.Is(type, types.Task) && method.Name is "Run" or "ContinueWith")
                    || (KnownTypes.IsOrDerivesFrom(type, types.TaskOfT) && method.Name == "ContinueWith")
                    || ((KnownTypes.Is(type, types.TaskFactory) || KnownTypes.Is(type, types.TaskFactoryOfT)) && method.Name == "StartNew")
                    || (KnownTypes.Is(type, types.ThreadPool) && method.Name.EndsWith("QueueUserWorkItem", System.StringComparison.Ordinal));
                return startsWork ? Repeated(invocation) : Helper(helpers.KindOf(argument.Parameter), invocation);
            }
            case IObjectCreationOperation creation
                when KnownTypes.Is(creation.Type, types.Thread) || KnownTypes.Is(creation.Type, types.ThreadingTimer) || KnownTypes.Is(creation.Type, types.Task):
                return Repeated(creation);
            case IObjectCreationOperation creation:
                return Helper(helpers.KindOf(argument.Parameter), creation);
            default:
                return ThreadDelegateKind.None;
        }
    }

    /// <summary>A helper that runs its delegate on several threads does so wherever it is called; one that runs it once
    /// on another thread is like <c>Task.Run</c>, so a call in a loop starts many copies.</summary>
    private static ThreadDelegateKind Helper(ThreadDelegateKind kind, IOperation call) =>
        kind == ThreadDelegateKind.OtherThread ? Repeated(call) : kind;

    /// <summary>A start inside a loop (or inside a LINQ projection) starts many copies of the same delegate.</summary>
    private static ThreadDelegateKind Repeated(IOperation start)
    {
        if (OperationFacts.IsInsideLoop(start))
        {
            return ThreadDelegateKind.ConcurrentWithItself;
        }
        if (OperationFacts.EnclosingFunction(start) is IAnonymousFunctionOperation outer
            && OperationFacts.ConsumerOf(outer) is IDelegateCreationOperation creation
            && OperationFacts.ConsumerOf(creation) is IArgumentOperation { Parent: IInvocationOperation projection }
            && System.Array.IndexOf(LoopingLinqNames, projection.TargetMethod.Name) >= 0)
        {
            return ThreadDelegateKind.ConcurrentWithItself;
        }
        return ThreadDelegateKind.OtherThread;
    }

    /// <summary>True when the variable is declared inside the lambda, so each run of it has its own copy.</summary>
    public static bool IsDeclaredInside(ISymbol variable, IAnonymousFunctionOperation lambda)
    {
        if (variable is IParameterSymbol parameter)
        {
            return SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, lambda.Symbol);
        }
        if (variable is ILocalSymbol local)
        {
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                if (lambda.Syntax.Span.Contains(reference.Span))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>
    /// True when each loop iteration that starts the delegate gets its own copy of the variable (declared in the loop
    /// body, or a foreach variable), so the concurrent copies of the delegate do not share it.
    /// </summary>
    public static bool IsPerIteration(ISymbol variable, IOperation? starter)
    {
        if (variable is not ILocalSymbol || starter is null)
        {
            return false;
        }
        for (var current = starter.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
            if (current is ILoopOperation loop)
            {
                foreach (var reference in variable.DeclaringSyntaxReferences)
                {
                    if (loop.Body.Syntax.Span.Contains(reference.Span)
                        || (loop is IForEachLoopOperation && loop.Syntax.Span.Contains(reference.Span)))
                    {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }
}
