package classroom

import (
	"container/list"
	"sync"
)

// lru keeps the last answers by key, at most n of them, so the server's
// memory stays bounded however many lever settings are asked for.
type lru struct {
	mu    sync.Mutex
	n     int
	order *list.List               // front: most recently used; values are *entry
	byKey map[string]*list.Element // lookup only; never iterated
}

type entry struct {
	key  string
	body []byte
}

func newLRU(n int) *lru { return &lru{n: n, order: list.New(), byKey: map[string]*list.Element{}} }

func (c *lru) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*entry).body, true
}

func (c *lru) put(key string, body []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[key]; ok {
		el.Value.(*entry).body = body
		c.order.MoveToFront(el)
		return
	}
	c.byKey[key] = c.order.PushFront(&entry{key, body})
	for c.order.Len() > c.n {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*entry).key)
	}
}

func (c *lru) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
