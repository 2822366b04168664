package sim

import (
	"math"

	"clustersim/agents"
	"clustersim/agents/rng"
)

// changeForm applies the transitions between legal forms that the
// timeline allows this month.
func (w *world) changeForm(f *agents.Firm) {
	r := w.rand(drawLegalForm, f.UID)
	fp := &w.p.Firms
	pol := &w.policy
	atCap := f.Employees >= float64(fp.GetihuCap)-0.5
	switch f.Form {
	case agents.Underground:
		if pol.on(evGetihuLegal) || pol.privateAllowed() {
			w.setForm(f, agents.Register(fp, &w.rules.registration, w.Villages[f.Village].Cover, f.Employees, r))
		} else if r.Float64() < agents.SanctionProbability(&w.rules.sanctions, w.Villages[f.Village].Stance, int(f.Village) == w.mantang) {
			if int(f.Village) == w.mantang && w.Villages[f.Village].Stance == agents.Repress {
				w.Acc.Arrests += f.Family // the villagers caught at work are arrested
			}
			w.closeFirm(f)
		}
	case agents.Getihu:
		switch {
		case pol.privateAllowed() && atCap && r.Float64() < fp.PrivateRegistrationRate:
			w.setForm(f, agents.Private)
		case !pol.privateAllowed() && atCap && w.Villages[f.Village].Cover && !pol.on(evRedHatRepression) &&
			agents.WantsRedHat(fp, pol.gov.CommuneFee+pol.gov.VillageFee+pol.gov.StateTax, pol.gov.GetihuTax, 12*r.Float64()):
			w.setForm(f, agents.RedHat) // to grow past the cap, it borrows a red hat (yearly propensity, monthly draw)
		}
	case agents.RedHat:
		switch {
		case pol.on(evRedHatRepression) && r.Float64() < w.p.Villages.RedHatDetection:
			w.setForm(f, agents.Getihu)
		case pol.privateAllowed() && r.Float64() < fp.UnhatRate:
			// It takes off the red hat: a private enterprise, or an
			// individual business if it is no larger than the getihu cap.
			if f.Employees > float64(fp.GetihuCap) {
				w.setForm(f, agents.Private)
			} else {
				w.setForm(f, agents.Getihu)
			}
		}
	case agents.TownshipCollective, agents.VillageCollective:
		if pol.on(evCollectiveShareholding) && r.Float64() < fp.PrivatisationRate {
			w.setForm(f, agents.ShareholdingCoop)
			f.Capital = max(f.Capital, 0) // the shareholders do not take over past losses
		}
	case agents.Private, agents.ShareholdingCoop:
		if pol.on(evCompanyConversion) && f.Employees >= float64(fp.CompanyMinEmployees) {
			rate := fp.CompanyConversionRate
			if pol.on(evRestructuringSubsidy) {
				rate += fp.RestructureSubsidy
			}
			if r.Float64() < rate {
				w.setForm(f, agents.Company)
			}
		}
	case agents.Company:
		if f.Employees >= float64(fp.GroupMinEmployees) && r.Float64() < fp.CompanyConversionRate {
			w.setForm(f, agents.Group)
		}
	}
}

func (w *world) setForm(f *agents.Firm, form agents.LegalForm) {
	if form == agents.Getihu && f.Employees > float64(w.p.Firms.GetihuCap) {
		f.SetEmployees(&w.p.Firms, max(f.Family, float64(w.p.Firms.GetihuCap)))
	}
	f.Form = form
}

// innovate: once a year, in the firm's review month, quality grows with
// experience, faster with the innovation centre, the service centres and the
// equipment subsidy; new designs add to the varieties of the county; and the
// firm may review its product.
func (w *world) innovate(f *agents.Firm) {
	if int(f.ID)%12 != w.Month.MonthOfYear()-1 {
		return
	}
	r := w.rand(drawFirmReview, f.UID)
	fp := &w.p.Firms
	boost := 1.0
	if w.policy.on(evInnovationCentre) {
		boost += fp.InnovationBoost
	}
	if w.policy.on(evServiceCentres) {
		boost += fp.ServiceBoost
	}
	if w.policy.on(evEnvironmentSubsidy) {
		boost += fp.EquipmentSubsidy
	}
	f.Quality *= 1 + fp.QualityGrowth*boost*(1+fp.QualityNoise*r.NormFloat64())
	designs := fp.DesignRate * boost * math.Sqrt(f.Employees)
	f.Designs += int32(math.Floor(designs + r.Float64()))
	if f.Owner >= 0 && int32(w.Month)-f.Born >= 12 {
		yearly := f.YearProfit * 12 / float64(w.Month.MonthOfYear())
		if agents.OwnerQuits(fp, yearly, w.Labour.FarmIncome, r.Float64()) {
			w.closeFirm(f)
			return
		}
	}
	if r.Float64() < fp.UpgradeRate {
		w.switchProduct(f, r)
	}
}

// switchProduct moves a firm along the ladder: it samples a few products it
// is able to make and takes the best if it beats its own by a margin.
// Promoted sectors (electric vehicles, solar) pull firms while promoted.
func (w *world) switchProduct(f *agents.Firm, r *rng.Draws) {
	fp := &w.p.Firms
	year := w.Month.Year()
	score := func(p int) float64 {
		s := w.Market.Price[p] * (1 - w.Market.Share[p])
		if w.Products[p].Promoted && w.policy.on(evSectorPromotion) {
			s *= 1 + fp.PromotedSectorPull
		}
		return s
	}
	cur := score(int(f.Product))
	lossMaking := f.YearProfit < fp.UpgradeProfitFloor*max(f.YearSales, 1)
	best, bestScore := -1, cur*(1+fp.SwitchMargin)
	if lossMaking {
		bestScore = 0
	}
	for range 4 {
		p := r.IntN(len(w.Products))
		pr := &w.Products[p]
		if pr.Available > year || pr.Complexity > f.Quality || p == int(f.Product) {
			continue
		}
		if s := score(p); s > bestScore {
			best, bestScore = p, s
		}
	}
	if best < 0 {
		return
	}
	if f.Owner >= 0 && f.Location.InYongkang() {
		w.countWorkshop(f.Village, int(f.Product), -1)
		w.countWorkshop(f.Village, best, +1)
	}
	f.Product = int16(best)
	f.Lead = -1
	f.Designs++
}

// trade: exporting and subcontracting links.
func (w *world) trade(f *agents.Firm) {
	r := w.rand(drawTrade, f.UID)
	fp := &w.p.Firms
	if !f.Exporter && w.policy.on(evExportOpening) && f.Form.CanInvoice() &&
		f.Quality >= fp.ExportQuality && f.Employees >= float64(fp.ExportMinEmployees) {
		rate := fp.ExportEntryRate
		if w.policy.on(evSpecialistMarket) {
			rate *= 1 + w.p.Markets.SpecialistMarketAccess
		}
		if w.policy.on(evServiceCentres) {
			rate *= 1 + fp.ServiceBoost
		}
		if r.Float64() < rate {
			f.Exporter = true
			f.Lead = -1
		}
	}
	if f.Lead >= 0 {
		if lead := w.firm(f.Lead); lead == nil || !lead.Alive || r.Float64() < fp.SubcontractLinkBreak {
			f.Lead = -1
		}
		return
	}
	if f.Exporter || f.Form.Collective() || f.Employees > float64(fp.SubcontractMaxEmployees) || r.Float64() >= fp.SubcontractRate {
		return
	}
	// Look for a lead firm among a few firms drawn at random: a larger
	// firm of the same sector in Yongkang (no all-pairs search).
	for range 8 {
		cand := &w.Firms[r.IntN(len(w.Firms))]
		if cand.Alive && cand.ID != f.ID && cand.Employees >= float64(fp.LeadMinEmployees) &&
			w.Products[cand.Product].Sector == w.Products[f.Product].Sector && cand.Location.InYongkang() {
			f.Lead = cand.ID
			return
		}
	}
}

func (w *world) spinoffAllowed() bool {
	return w.policy.on(evGetihuLegal) || w.policy.privateAllowed()
}

// spinoff: an employee or manager of firm id founds a firm in the same
// village, making the parent's product, with a
// quality close to the parent's.
func (w *world) spinoff(k int, r *rng.Draws) {
	parent := w.Firms[k]
	v := &w.Villages[parent.Village]
	if len(v.Households) == 0 {
		return
	}
	for range 3 {
		hi := v.Households[r.IntN(len(v.Households))]
		h := &w.Households[hi]
		if h.Firm >= 0 || h.Activity == agents.Left {
			continue
		}
		form := agents.Register(&w.p.Firms, &w.rules.registration, v.Cover, float64(h.Workers), r)
		if w.policy.privateAllowed() && (parent.Form.Enterprise() || parent.Form.Collective()) && form == agents.Getihu {
			// Managers and employees of enterprises and collectives found
			// enterprises, not individual businesses ("the new company bosses
			// were very often former managers of rural collective workshops
			// ... or indeed had been sales or technical managers").
			form = agents.Private
		}
		f := w.newFirm(h.UID.Child(idSpinoff, int(w.Month), 0), form, parent.Product, parent.Village, hi)
		f.Family = float64(h.Workers)
		f.SetEmployees(&w.p.Firms, f.Family)
		f.Quality = parent.Quality * math.Exp(w.p.Firms.SpinoffQualitySpread*r.NormFloat64())
		h.Firm, h.Known = f.ID, parent.Product
		w.setActivity(hi, agents.Workshop)
		w.Acc.Entries++
		w.Acc.Spinoffs++
		return
	}
}

// closeFirm: the firm exits; its owner household goes back to farming.
func (w *world) closeFirm(f *agents.Firm) {
	if !f.Alive {
		return
	}
	f.Alive = false
	w.slot[f.ID] = -1
	w.closed++
	if f.Owner >= 0 {
		w.Households[f.Owner].Firm = -1
		w.setActivity(f.Owner, agents.Farming)
		if f.Location.InYongkang() {
			w.countWorkshop(f.Village, int(f.Product), -1)
		}
	}
	if f.Location == agents.EstateSite && f.Estate >= 0 {
		w.Estates[f.Estate].Used -= f.Plot
	}
	w.Acc.Exits++
}
