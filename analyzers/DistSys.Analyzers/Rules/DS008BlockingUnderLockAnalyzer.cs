using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>DS008: a call that blocks (sleep, wait, synchronous I/O) while a lock is held.</summary>
public sealed class DS008BlockingUnderLockAnalyzer : DsAnalyzer
{
    public const string Id = "DS008";

    internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        Id,
        "Blocking while holding a lock",
        "'{0}' blocks while a lock is held: every thread waiting for the lock waits for it too, and it can deadlock; release the lock first",
        RuleDescriptors.ConcurrencyCategory,
        "A lock should be held for a few instructions. Sleeping, waiting for another task or doing I/O under a lock "
        + "serializes everything behind it and deadlocks if what it waits for needs the same lock.");

    internal override DiagnosticDescriptor Rule => Descriptor;

    internal override void Register(CompilationStartAnalysisContext context, KnownTypes types)
    {
        context.RegisterOperationAction(
            c =>
            {
                var operation = c.Operation;
                if (!IsBlocking(operation, types))
                {
                    return;
                }
                var held = Locks.EnclosingLocks(operation, types, withinFunction: true).ToList();
                if (held.Count == 0)
                {
                    return;
                }
                if (operation is IInvocationOperation wait && OperationFacts.IsCallTo(wait, types.Monitor, "Wait")
                    && wait.Arguments.Length > 0 && held.Any(h => DS014UnpairedMonitorEnterAnalyzer.SameObject(h, wait.Arguments[0].Value)))
                {
                    // Monitor.Wait on the held object releases it while waiting: the correct condition-variable pattern.
                    return;
                }
                c.ReportDiagnostic(Diagnostic.Create(Descriptor, operation.Syntax.GetLocation(), operation.Syntax.ToString()));
            },
            OperationKind.Invocation,
            OperationKind.PropertyReference);
    }

    private static bool IsBlocking(IOperation operation, KnownTypes types)
    {
        if (operation is IPropertyReferenceOperation property)
        {
            return property.Property.Name == "Result" && property.Instance is not null
                && (KnownTypes.IsOrDerivesFrom(property.Property.ContainingType, types.TaskOfT) || KnownTypes.Is(property.Property.ContainingType, types.ValueTaskOfT));
        }
        if (operation is not IInvocationOperation invocation || HasZeroTimeout(invocation))
        {
            return false;
        }
        var method = invocation.TargetMethod;
        var owner = method.ContainingType;
        var name = method.Name;
        if (name.EndsWith("Async", System.StringComparison.Ordinal))
        {
            return false;
        }
        return (KnownTypes.Is(owner, types.Thread) && name is "Sleep" or "Join")
            || (KnownTypes.IsOrDerivesFrom(owner, types.Task) && name is "Wait" or "WaitAll" or "WaitAny")
            || (types.IsAwaiter(owner) && name == "GetResult")
            || (KnownTypes.IsOrDerivesFrom(owner, types.WaitHandle) && name is "WaitOne" or "WaitAll" or "WaitAny")
            || ((KnownTypes.Is(owner, types.SemaphoreSlim) || KnownTypes.Is(owner, types.ManualResetEventSlim)
                || KnownTypes.Is(owner, types.CountdownEvent)) && name == "Wait")
            || (KnownTypes.Is(owner, types.Barrier) && name == "SignalAndWait")
            || (KnownTypes.Is(owner, types.BlockingCollection) && name is "Take" or "TryTake" or "GetConsumingEnumerable")
            || (KnownTypes.Is(owner, types.Monitor) && name == "Wait")
            || IsSynchronousIo(invocation, types);
    }

    /// <summary>Wait(0), WaitOne(0), TryTake(out x, 0): a poll that returns at once.</summary>
    private static bool HasZeroTimeout(IInvocationOperation invocation) =>
        invocation.Arguments.Any(a => a.Parameter?.Name is "millisecondsTimeout" or "timeout"
            && a.Value.ConstantValue is { HasValue: true, Value: 0 });

    /// <summary>
    /// Synchronous reads and network calls: they wait on a device or a peer for an unbounded time. Writes to a file or a
    /// stream are left alone: serializing output (a log, a write-ahead journal, a protocol channel) is a common and
    /// correct reason to hold a lock around them.
    /// </summary>
    private static bool IsSynchronousIo(IInvocationOperation invocation, KnownTypes types)
    {
        var owner = invocation.TargetMethod.ContainingType;
        var name = invocation.TargetMethod.Name;
        if (KnownTypes.Is(owner, types.File))
        {
            return name.StartsWith("Read", System.StringComparison.Ordinal);
        }
        if (KnownTypes.Is(owner, types.Dns))
        {
            return true;
        }
        if (KnownTypes.Is(owner, types.Socket) || KnownTypes.Is(owner, types.TcpClient) || KnownTypes.Is(owner, types.TcpListener)
            || KnownTypes.Is(owner, types.UdpClient))
        {
            return name is "Send" or "SendTo" or "Receive" or "ReceiveFrom" or "Connect" or "Accept" or "AcceptSocket" or "AcceptTcpClient";
        }
        if (KnownTypes.Is(owner, types.HttpClient))
        {
            return name == "Send";
        }
        var receiverType = invocation.Instance?.Type;
        if (KnownTypes.IsOrDerivesFrom(owner, types.Stream) && invocation.Instance is not null)
        {
            // Memory streams never touch a device.
            return !KnownTypes.IsOrDerivesFrom(receiverType, types.MemoryStream)
                && name is "Read" or "ReadExactly" or "ReadAtLeast" or "ReadByte" or "CopyTo";
        }
        if (KnownTypes.IsOrDerivesFrom(owner, types.TextReader) && invocation.Instance is not null)
        {
            return !KnownTypes.IsOrDerivesFrom(receiverType, types.StringReader)
                && name is "ReadLine" or "ReadToEnd" or "Read" or "ReadBlock";
        }
        return false;
    }
}
