using FsCheck;
using FsCheck.Fluent;

namespace DistSys.CacheCoherence.Tests;

internal enum OperationKind
{
    Read,
    Write,
    Flush,
    Invalidate,
}

/// <summary>One step of a generated access sequence.</summary>
internal sealed record Operation(OperationKind Kind, string Node, int Address, int Value)
{
    public static readonly string[] NodeNames = ["CPU1", "CPU2", "CPU3"];

    /// <summary>Mostly reads and writes over few nodes and addresses, so that copies collide often.</summary>
    public static Gen<Operation> Generator { get; } =
        from kind in Gen.Frequency((5, Gen.Constant(OperationKind.Read)), (4, Gen.Constant(OperationKind.Write)),
            (1, Gen.Constant(OperationKind.Flush)), (1, Gen.Constant(OperationKind.Invalidate)))
        from node in Gen.Elements(NodeNames)
        from address in Gen.Choose(0, 3)
        from value in Gen.Choose(1, 99)
        select new Operation(kind, node, address, value);

    public static Arbitrary<List<Operation>> Sequences { get; } = Arb.From(Gen.ListOf(Generator).Select(s => s.ToList()));

    /// <summary>Runs the step; returns the value read, if it was a read.</summary>
    public int? ApplyTo(CoherenceController controller)
    {
        switch (Kind)
        {
            case OperationKind.Read:
                return controller.Read(Node, Address);
            case OperationKind.Write:
                controller.Write(Node, Address, Value);
                return null;
            case OperationKind.Flush:
                controller.Flush(Node);
                return null;
            default:
                controller.Invalidate(Node);
                return null;
        }
    }

    public override string ToString() => Kind switch
    {
        OperationKind.Read => $"{Node} reads [{Address}]",
        OperationKind.Write => $"{Node} writes [{Address}]={Value}",
        _ => $"{Node} {Kind.ToString().ToLowerInvariant()}",
    };

    public static CoherenceController NewController(CoherenceProtocol protocol)
    {
        var controller = new CoherenceController(protocol);
        foreach (var node in NodeNames)
        {
            controller.AddNode(node);
        }

        return controller;
    }
}
