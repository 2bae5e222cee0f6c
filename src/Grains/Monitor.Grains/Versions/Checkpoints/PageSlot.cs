namespace Monitor.Grains.Versions.Checkpoints;

/// <summary>One slot of a family of checkpoint pages ("window.fine" slot 12): a place a page is kept, in one of two rows.</summary>
public readonly record struct PageSlot(string Family, int Slot);
