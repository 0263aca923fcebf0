// The Customers module; its types arrive with the orders flow work (issue 4).
