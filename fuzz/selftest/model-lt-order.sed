# file: specs/model/ep_ready.c
# The planted model bug: ep_send_events re-queues a reported
# level-triggered item at the head of the ready list instead of its tail,
# so that two ready LT items come back in the wrong order on the next wait.
/else if (!(epi->events & EPOLLET))/{
n
s/list_add_tail(&epi->rdllink, &ep->rdllist);/list_add(\&epi->rdllink, \&ep->rdllist);/
}
