/* Socket buffers: the part of net/core/skbuff.c and net/core/sock.c that
 * decides how much send buffer a write uses up. */
#ifndef SPMODEL_SKBUFF_H
#define SPMODEL_SKBUFF_H

#include <stdint.h>

/* SKB_MAX_HEAD(0): the most data a one-page skb head holds. */
#define SKB_MAX_HEAD0 3776u

/* skb->truesize of the skb sock_alloc_send_pskb() builds for a head of
 * header_len bytes plus data_len bytes in page fragments. */
uint32_t skb_truesize(uint32_t header_len, uint32_t data_len);

#endif
