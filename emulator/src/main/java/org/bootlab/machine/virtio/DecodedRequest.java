package org.bootlab.machine.virtio;

/** A descriptor chain read as what the device makes of it, for the inspector. */
public sealed interface DecodedRequest {

    /**
     * A virtio-blk request.
     *
     * @param status the status byte (0 OK, 1 IOERR, 2 UNSUPP) once completed, else -1
     */
    record Block(int type, String typeName, long sector, long dataLength, int status, String statusName)
            implements DecodedRequest {
    }

    /**
     * A frame with its virtio_net_hdr: one the driver transmits, or one the device delivered
     * into a receive buffer.
     *
     * @param summary Ethernet/ARP/IPv4/ICMP in one line ("ARP request who-has 192.0.2.2 tell ...")
     */
    record NetFrame(boolean transmit, int flags, int gsoType, int hdrLen, int gsoSize, int csumStart,
                    int csumOffset, int numBuffers, int frameLength, String summary) implements DecodedRequest {
    }

    /** A receive buffer the driver posted, still waiting for a frame. */
    record NetReceiveBuffer(long capacity) implements DecodedRequest {
    }

    /** An entropy request: the bytes asked for, or written once completed. */
    record Entropy(long length) implements DecodedRequest {
    }
}
